using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
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
public sealed class EditModel(IMediator mediator, IStringLocalizer localizer) : PageModel
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
        var form = await mediator.Send(new Query(User, id), ct);
        if (Refused(form.Outcome) is { } refused) return refused;
        Show(form);
        if (form.Release is { } r)
        {
            Input = new InputModel
            {
                ProductCode = r.ProductCode, Version = r.Version.ToString(), Kind = r.Kind, Severity = r.Severity, TitleZh = r.TitleZh, TitleEn = r.TitleEn,
                NotesZh = r.NotesZh, NotesEn = r.NotesEn, AppliesTo = r.AppliesTo, IsPublic = r.IsPublic, RowVersion = r.RowVersion,
                Supersedes = [.. form.Supersedes],
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        var form = await mediator.Send(new Query(User, id), ct);
        if (Refused(form.Outcome) is { } refused) return refused;
        Show(form);
        if (!ModelState.IsValid) return Page();
        var saved = await mediator.Send(new Save(User, id, Input), ct);
        if (Refused(saved.Outcome) is { } notSaved) return notSaved;
        if (saved.Outcome == Outcome.Conflict)
        {
            ModelState.AddModelError("", localizer["Someone else changed this release while you were editing it. Reload the page to see their changes."]);
            return Page();
        }
        if (saved.Outcome == Outcome.Invalid)
        {
            foreach (var problem in saved.Problems) ModelState.AddModelError(problem.Field, localizer[problem.Message]);
            return Page();
        }
        Notice = localizer["Saved."];
        return RedirectToPage(new { id = saved.Id });
    }

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct)
    {
        var published = await mediator.Send(new Publish(User, id), ct);
        if (Refused(published.Outcome) is { } refused) return refused;
        if (published.Outcome == Outcome.NoFiles)
        {
            ModelState.AddModelError("", localizer["Upload at least one file before publishing."]);
            return await OnGetAsync(id, ct);
        }
        Notice = localizer["Published. Customers with the product installed are told by email."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUnpublishAsync(long id, CancellationToken ct)
    {
        if (Refused((await mediator.Send(new Unpublish(User, id), ct)).Outcome) is { } refused) return refused;
        Notice = localizer["The release is a draft again."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteFileAsync(long id, long fileId, CancellationToken ct)
    {
        if (Refused((await mediator.Send(new DeleteFile(User, id, fileId), ct)).Outcome) is { } refused) return refused;
        Notice = localizer["File deleted."];
        return RedirectToPage(new { id });
    }

    private IActionResult? Refused(Outcome outcome) => outcome switch
    {
        Outcome.NotFound => NotFound(),
        Outcome.Forbidden => Forbid(),
        _ => null,
    };

    private void Show(Form form)
    {
        Products = form.Products;
        Release = form.Release;
        Files = form.Files;
        Others = form.Others;
    }

    public enum Outcome
    {
        Done,
        NotFound,
        Forbidden,

        /// <summary>See <see cref="Result.Problems"/>; nothing was changed.</summary>
        Invalid,

        /// <summary>Someone else saved the release since the form was loaded; nothing was changed.</summary>
        Conflict,

        /// <summary>A release without files cannot be published.</summary>
        NoFiles,
    }

    /// <summary>A problem with the input: the form field it belongs to ("" for the whole form) and the English message (a localizer key).</summary>
    public sealed record Problem(string Field, string Message);

    /// <param name="Id">The release saved.</param>
    public sealed record Result(Outcome Outcome, long Id = 0)
    {
        /// <summary>What is wrong when the outcome is <see cref="Outcome.Invalid"/>.</summary>
        public IReadOnlyList<Problem> Problems { get; init; } = [];
    }

    /// <param name="Release">Null for a new release.</param>
    /// <param name="Supersedes">The ids of the releases it supersedes now.</param>
    public sealed record Form(Outcome Outcome, IReadOnlyList<ProductInfo> Products, ReleaseRow? Release, IReadOnlyList<FileRow> Files,
        IReadOnlyList<ReleaseRow> Others, IReadOnlyList<long> Supersedes)
    {
        public static Form Refused(Outcome outcome) => new(outcome, [], null, [], [], []);
    }

    /// <summary>The form of release <paramref name="Id"/>, or of a new one when null.</summary>
    public sealed record Query(ClaimsPrincipal User, long? Id) : IRequest<Form>;

    /// <summary>Creates (no <paramref name="Id"/>) or updates a release and what it supersedes.</summary>
    public sealed record Save(ClaimsPrincipal User, long? Id, InputModel Input) : IRequest<Result>;

    /// <summary>Publishes a release that has at least one file.</summary>
    public sealed record Publish(ClaimsPrincipal User, long Id) : IRequest<Result>;

    public sealed record Unpublish(ClaimsPrincipal User, long Id) : IRequest<Result>;

    public sealed record DeleteFile(ClaimsPrincipal User, long Id, long FileId) : IRequest<Result>;

    internal sealed class Handler(ReleaseQueries queries, ReleaseStore store, IMediator mediator)
        : IRequestHandler<Query, Form>, IRequestHandler<Save, Result>, IRequestHandler<Publish, Result>,
          IRequestHandler<Unpublish, Result>, IRequestHandler<DeleteFile, Result>
    {
        private static readonly Result NotFound = new(Outcome.NotFound);
        private static readonly Result Forbidden = new(Outcome.Forbidden);

        public async Task<Form> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return Form.Refused(Outcome.Forbidden);
            var products = await mediator.Send(new ListProducts(IncludeInactive: true), ct);
            if (query.Id is not { } id) return new Form(Outcome.Done, products, null, [], [], []);
            if (await queries.ReleaseAsync(id, ct) is not { } release) return Form.Refused(Outcome.NotFound);
            var files = await queries.FilesAsync(release.Id, ct);
            var others = (await queries.BrowseAsync(new ReleaseFilter(release.ProductCode, null, null), false, true, 1, ct)).Items.Where(o => o.Id != release.Id).ToList();
            var supersedes = (await queries.SupersessionAsync(release.Id, ct)).Supersedes.Select(s => s.Id).ToList();
            return new Form(Outcome.Done, products, release, files, others, supersedes);
        }

        public async Task<Result> Handle(Save command, CancellationToken ct)
        {
            if (!command.User.IsStaff()) return Forbidden;
            var (input, problems) = await ValidateAsync(command.Input, ct);
            if (problems.Count > 0) return new Result(Outcome.Invalid) { Problems = problems };
            long releaseId;
            if (command.Id is not { } id)
            {
                releaseId = await store.CreateAsync(input, null, command.User.UserId(), ct);
            }
            else
            {
                if (await queries.ReleaseAsync(id, ct) is null) return NotFound;
                releaseId = id;
                if (!await store.UpdateAsync(releaseId, input, command.Input.RowVersion, command.User.UserId(), ct))
                    return new Result(Outcome.Conflict, id);
            }
            await store.SetSupersedesAsync(releaseId, command.Input.Supersedes, ct);
            return new Result(Outcome.Done, releaseId);
        }

        public async Task<Result> Handle(Publish command, CancellationToken ct)
        {
            if (!command.User.IsStaff()) return Forbidden;
            if (await queries.ReleaseAsync(command.Id, ct) is null) return NotFound;
            if ((await queries.FilesAsync(command.Id, ct)).Count == 0)
                return new Result(Outcome.NoFiles, command.Id);
            await store.PublishAsync(command.Id, null, notify: true, command.User.UserId(), ct);
            return new Result(Outcome.Done, command.Id);
        }

        public async Task<Result> Handle(Unpublish command, CancellationToken ct)
        {
            if (!command.User.IsStaff()) return Forbidden;
            return await store.UnpublishAsync(command.Id, command.User.UserId(), ct) ? new Result(Outcome.Done, command.Id) : NotFound;
        }

        public async Task<Result> Handle(DeleteFile command, CancellationToken ct)
        {
            if (!command.User.IsStaff()) return Forbidden;
            return await store.DeleteFileAsync(command.Id, command.FileId, ct) ? new Result(Outcome.Done, command.Id) : NotFound;
        }

        /// <summary>The release the input describes, or the problems with it (the form's own checks have passed).</summary>
        private async Task<(ReleaseInput Input, IReadOnlyList<Problem> Problems)> ValidateAsync(InputModel form, CancellationToken ct)
        {
            var problems = new List<Problem>();
            var product = await mediator.Send(new GetProduct(form.ProductCode!.Trim()), ct);
            if (product is null) problems.Add(new("Input.ProductCode", "Choose a product."));
            if (!ProductVersion.TryParse(form.Version, out var version)) problems.Add(new("Input.Version", "Enter the version (major.minor.patch)."));
            var severity = string.IsNullOrWhiteSpace(form.Severity) ? null : form.Severity.Trim();
            var input = new ReleaseInput(product?.Code ?? "", version, form.Kind, form.TitleZh ?? "", form.TitleEn ?? "", form.NotesZh ?? "", form.NotesEn ?? "",
                form.Kind == "patch" ? severity : null, string.IsNullOrWhiteSpace(form.AppliesTo) ? "*" : form.AppliesTo.Trim(), form.IsPublic);
            problems.AddRange(input.Validate().Select(p => new Problem("", p)));
            return (input, problems);
        }
    }
}
