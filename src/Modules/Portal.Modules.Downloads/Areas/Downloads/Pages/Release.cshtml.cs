using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Releases;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages;

/// <summary>One release: notes, severity, applies-to, files with size and SHA-256, download
/// buttons. Published releases to signed-in users, public ones to anyone, drafts to staff only.</summary>
[AllowAnonymous]
public sealed class ReleaseModel(IMediator mediator) : PageModel
{
    public Details? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var (outcome, view) = await mediator.Send(new Query(User, id), ct);
        if (outcome == FileModel.Outcome.SignIn) return Challenge();
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    public sealed record Details(ReleaseRow Release, ProductInfo? Product, IReadOnlyList<FileRow> Files,
        IReadOnlyList<ReleaseRow> Supersedes, IReadOnlyList<ReleaseRow> SupersededBy);

    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<(FileModel.Outcome, Details?)>;

    internal sealed class Handler(ReleaseQueries queries, IMediator mediator) : IRequestHandler<Query, (FileModel.Outcome, Details?)>
    {
        public async Task<(FileModel.Outcome, Details?)> Handle(Query query, CancellationToken ct)
        {
            var release = await queries.ReleaseAsync(query.Id, ct);
            var staff = query.User.IsStaff();
            if (release is null || (!staff && !release.IsPublished)) return (FileModel.Outcome.NotFound, null);
            if (!release.IsPublic && query.User.Identity?.IsAuthenticated != true) return (FileModel.Outcome.SignIn, null);
            var (older, newer) = await queries.SupersessionAsync(release.Id, ct);
            if (!staff) older = [.. older.Where(r => r.IsPublished)];
            var details = new Details(release, await mediator.Send(new GetProduct(release.ProductCode), ct), await queries.FilesAsync(release.Id, ct), older, newer);
            return (FileModel.Outcome.Serve, details);
        }
    }
}
