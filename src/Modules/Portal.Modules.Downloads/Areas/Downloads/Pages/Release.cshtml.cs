using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Downloads.Access;
using Portal.Modules.Downloads.Releases;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages;

/// <summary>One release: notes, severity, applies-to, files with size and SHA-256, download
/// buttons. Who sees it is <see cref="ReleaseAccess"/>'s rule: published releases to signed-in
/// users, public ones to anyone, drafts to staff only.</summary>
[AllowAnonymous]
public sealed class ReleaseModel(IMediator mediator) : PageModel
{
    public Details? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var (outcome, view) = await mediator.Send(new Query(User, id), ct);
        if (outcome == AccessOutcome.SignIn) return Challenge();
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    public sealed record Details(ReleaseRow Release, ProductInfo? Product, IReadOnlyList<FileRow> Files,
        IReadOnlyList<ReleaseRow> Supersedes, IReadOnlyList<ReleaseRow> SupersededBy);

    /// <param name="Details">Set when the outcome is Granted.</param>
    public sealed record Result(AccessOutcome Outcome, Details? Details);

    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<Result>;

    internal sealed class Handler(ReleaseQueries queries, IMediator mediator) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            if (await queries.ReleaseAsync(query.Id, ct) is not { } release) return new Result(AccessOutcome.NotFound, null);
            var access = ReleaseAccess.ToPage(query.User, release);
            if (!access.Granted) return new Result(access.Outcome, null);
            var (older, newer) = await queries.SupersessionAsync(release.Id, ct);
            if (access.Reason != AccessReason.Staff) older = [.. older.Where(r => r.IsPublished)];
            var details = new Details(release, await mediator.Send(new GetProduct(release.ProductCode), ct), await queries.FilesAsync(release.Id, ct), older, newer);
            return new Result(AccessOutcome.Granted, details);
        }
    }
}
