using System.ComponentModel.DataAnnotations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Releases;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages.Manage;

/// <summary>Staff: create or edit a release (a new one is a draft), its files (upload, replace,
/// delete) and what it supersedes; publish it (customers with the product installed are emailed,
/// once per release) or take it back to draft.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class EditModel(ReleaseQueries queries, ReleaseStore store, IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ReleaseRow? Release { get; private set; }

    public IReadOnlyList<FileRow> Files { get; private set; } = [];

    public IReadOnlyList<ProductInfo> Products { get; private set; } = [];

    /// <summary>Other releases of the same product, candidates for <see cref="InputModel.Supersedes"/>.</summary>
    public IReadOnlyList<ReleaseRow> Others { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a product.")]
        public string? ProductCode { get; set; }

        [Required(ErrorMessage = "Enter the version (major.minor.patch).")]
        public string? Version { get; set; }

        public string Kind { get; set; } = "patch";

        public string? Severity { get; set; }

        [Required(ErrorMessage = "Enter the Chinese title.")]
        [StringLength(200, ErrorMessage = "A title may have at most 200 characters.")]
        public string? TitleZh { get; set; }

        [Required(ErrorMessage = "Enter the English title.")]
        [StringLength(200, ErrorMessage = "A title may have at most 200 characters.")]
        public string? TitleEn { get; set; }

        [StringLength(100_000, ErrorMessage = "The release notes are too long.")]
        public string? NotesZh { get; set; }

        [StringLength(100_000, ErrorMessage = "The release notes are too long.")]
        public string? NotesEn { get; set; }

        public string? AppliesTo { get; set; } = "*";

        public bool IsPublic { get; set; }

        public List<long> Supersedes { get; set; } = [];

        public int? RowVersion { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Release is { } r)
        {
            Input = new InputModel
            {
                ProductCode = r.ProductCode, Version = r.Version.ToString(), Kind = r.Kind, Severity = r.Severity, TitleZh = r.TitleZh, TitleEn = r.TitleEn,
                NotesZh = r.NotesZh, NotesEn = r.NotesEn, AppliesTo = r.AppliesTo, IsPublic = r.IsPublic, RowVersion = r.RowVersion,
                Supersedes = [.. (await queries.SupersessionAsync(r.Id, ct)).Supersedes.Select(s => s.Id)],
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var input = await ValidateAsync(ct);
        if (input is null) return Page();
        long releaseId;
        if (Release is null)
        {
            releaseId = await store.CreateAsync(input, null, User.UserId(), ct);
        }
        else
        {
            releaseId = Release.Id;
            if (!await store.UpdateAsync(releaseId, input, Input.RowVersion, User.UserId(), ct))
            {
                ModelState.AddModelError("", localizer["Someone else changed this release while you were editing it. Reload the page to see their changes."]);
                return Page();
            }
        }
        await store.SetSupersedesAsync(releaseId, Input.Supersedes, ct);
        Notice = localizer["Saved."];
        return RedirectToPage(new { id = releaseId });
    }

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Files.Count == 0)
        {
            ModelState.AddModelError("", localizer["Upload at least one file before publishing."]);
            await OnGetAsync(id, ct);
            return Page();
        }
        await store.PublishAsync(id, null, notify: true, User.UserId(), ct);
        Notice = localizer["Published. Customers with the product installed are told by email."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUnpublishAsync(long id, CancellationToken ct)
    {
        if (!await store.UnpublishAsync(id, User.UserId(), ct)) return NotFound();
        Notice = localizer["The release is a draft again."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteFileAsync(long id, long fileId, CancellationToken ct)
    {
        if (!await store.DeleteFileAsync(id, fileId, ct)) return NotFound();
        Notice = localizer["File deleted."];
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long? id, CancellationToken ct)
    {
        Products = await mediator.Send(new ListProducts(IncludeInactive: true), ct);
        if (id is null) return true;
        Release = await queries.ReleaseAsync(id.Value, ct);
        if (Release is null) return false;
        Files = await queries.FilesAsync(Release.Id, ct);
        Others = [.. (await queries.BrowseAsync(new ReleaseFilter(Release.ProductCode, null, null), false, true, 1, ct)).Items.Where(o => o.Id != Release.Id)];
        return true;
    }

    private async Task<ReleaseInput?> ValidateAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return null;
        var product = await mediator.Send(new GetProduct(Input.ProductCode!.Trim()), ct);
        if (product is null) ModelState.AddModelError("Input.ProductCode", localizer["Choose a product."]);
        if (!ProductVersion.TryParse(Input.Version, out var version)) ModelState.AddModelError("Input.Version", localizer["Enter the version (major.minor.patch)."]);
        var severity = string.IsNullOrWhiteSpace(Input.Severity) ? null : Input.Severity.Trim();
        var input = new ReleaseInput(product?.Code ?? "", version, Input.Kind, Input.TitleZh ?? "", Input.TitleEn ?? "", Input.NotesZh ?? "", Input.NotesEn ?? "",
            Input.Kind == "patch" ? severity : null, string.IsNullOrWhiteSpace(Input.AppliesTo) ? "*" : Input.AppliesTo.Trim(), Input.IsPublic);
        foreach (var problem in input.Validate()) ModelState.AddModelError("", localizer[problem]);
        return ModelState.IsValid ? input : null;
    }
}
