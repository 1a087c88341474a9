using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Calendar;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage.Holidays;

/// <summary>Admin: confirm, then remove a day from the holiday calendar (it becomes an ordinary day again).</summary>
[Authorize(Policy = PortalPolicies.Admin)]
public sealed class DeleteModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Day { get; set; }

    public HolidayRow Row { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Day is null) return NotFound();
        var found = await mediator.Send(new EditModel.Query(User, Day.Value), ct);
        if (found.Outcome == EditModel.Outcome.Forbidden) return Forbid();
        if (found.Row is not { } row) return NotFound();
        Row = row;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Day is null) return NotFound();
        var deleted = await mediator.Send(new Command(User, Day.Value), ct);
        if (deleted == EditModel.Outcome.Forbidden) return Forbid();
        if (deleted == EditModel.Outcome.NotFound) return NotFound();
        TempData["Message"] = localizer["{0} has been removed from the calendar.", Day.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Value;
        return RedirectToPage("Index", new { year = Day.Value.Year });
    }

    public sealed record Command(ClaimsPrincipal User, DateOnly Day) : IRequest<EditModel.Outcome>;

    internal sealed class Handler(HolidayStore store) : IRequestHandler<Command, EditModel.Outcome>
    {
        public async Task<EditModel.Outcome> Handle(Command command, CancellationToken ct)
        {
            if (!command.User.IsInRole(PortalRoles.Admin)) return EditModel.Outcome.Forbidden;
            return await store.DeleteAsync(command.Day, ct) ? EditModel.Outcome.Done : EditModel.Outcome.NotFound;
        }
    }
}
