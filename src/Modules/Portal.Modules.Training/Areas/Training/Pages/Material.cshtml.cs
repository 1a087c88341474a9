using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Materials;
using Portal.Web.Files;

namespace Portal.Modules.Training.Areas.Training.Pages;

/// <summary>Serves a course material, always as an application/octet-stream attachment with nosniff, to
/// whoever <see cref="MaterialAccess"/> allows; anyone else gets 404 (nothing tells whether the id exists).
/// The name in the URL, when given, must equal the stored name.</summary>
[Authorize(Policy = PortalPolicies.SignedIn)]
public sealed class MaterialModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, string? name, CancellationToken ct) =>
        await mediator.Send(new Query(User, id, name), ct) is { } file ? new StoredFileResult(file) : NotFound();

    public sealed record Query(ClaimsPrincipal User, long Id, string? Name) : IRequest<FileToServe?>;

    internal sealed class Handler(MaterialStore materials, MaterialAccess access) : IRequestHandler<Query, FileToServe?>
    {
        public async Task<FileToServe?> Handle(Query query, CancellationToken ct)
        {
            if (await materials.FindAsync(query.Id, ct) is not { } m) return null;
            if (query.Name is not null && !string.Equals(query.Name, m.FileName, StringComparison.Ordinal)) return null;
            if (!await access.MayReadAsync(query.User, m.CourseId, ct)) return null;
            return new FileToServe(m.StoreKey, m.FileName, m.CreatedAt, m.Sha256);
        }
    }
}
