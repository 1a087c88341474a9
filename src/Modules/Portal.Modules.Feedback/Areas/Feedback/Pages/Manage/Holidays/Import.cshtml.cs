using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Security;
using Portal.Modules.Core.Text;
using Portal.Modules.Feedback.Calendar;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage.Holidays;

/// <summary>Admin: import a holiday calendar file in the content format (holidays/&lt;year&gt;.yaml).
/// The whole file is checked first: with any error nothing is imported and each error is listed
/// with its line. Days are matched by date; days not in the file are left alone.</summary>
[Authorize(Policy = PortalPolicies.Admin)]
[RequestSizeLimit(MaxUpload + 64 * 1024)]
public sealed class ImportModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public const int MaxUpload = 256 * 1024;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", localizer["Please choose a file."]);
            return Page();
        }
        if (file.Length > MaxUpload)
        {
            ModelState.AddModelError("file", localizer["The file is larger than {0} KB.", MaxUpload / 1024]);
            return Page();
        }
        await using var upload = file.OpenReadStream();
        var result = await mediator.Send(new Command(User, Path.GetFileName(file.FileName), upload), ct);
        if (result is null) return Forbid();
        if (result.Errors.Count > 0)
        {
            Errors = result.Errors;
            ModelState.AddModelError("file", localizer["Nothing was imported: the file has errors."]);
            return Page();
        }
        TempData["Message"] = localizer["Imported: {0} days added, {1} changed, {2} unchanged.", result.Added, result.Updated, result.Unchanged].Value;
        return RedirectToPage("Index", new { year = result.Year });
    }

    /// <summary>Either the errors (nothing was imported) or the counts, and the first year the file covers.</summary>
    public sealed record Result(IReadOnlyList<string> Errors, int Added = 0, int Updated = 0, int Unchanged = 0, int? Year = null);

    /// <summary>Null when the user is not an admin.</summary>
    public sealed record Command(ClaimsPrincipal User, string FileName, Stream Content) : IRequest<Result?>;

    internal sealed class Handler(HolidayStore store, IOptions<BusinessHoursOptions> options) : IRequestHandler<Command, Result?>
    {
        public async Task<Result?> Handle(Command command, CancellationToken ct)
        {
            if (!command.User.IsInRole(PortalRoles.Admin)) return null;
            var name = string.IsNullOrWhiteSpace(command.FileName) ? "upload.yaml" : command.FileName;
            using var bytes = new MemoryStream();
            await command.Content.CopyToAsync(bytes, ct);
            // As in a content folder: invalid UTF-8 is refused with its offset, never imported as U+FFFD.
            if (StrictUtf8.TryDecode(bytes.ToArray(), out var invalidAt) is not { } text)
                return new Result([$"{name}: not valid UTF-8 at byte {invalidAt} (save it as UTF-8)"]);
            HolidayFile.Result read;
            using (var reader = new StringReader(text))
                read = HolidayFile.Read(reader, HolidayFile.YearOf(name), options.Value.ToHours());
            if (read.Errors.Count > 0) return new Result([.. read.Errors.Select(e => e.For(name))]);
            var counts = await store.ImportAsync(read.Days, command.User.UserId(), ct);
            return new Result([], counts.Added, counts.Updated, counts.Unchanged, read.Days.Min(d => d.Day).Year);
        }
    }
}
