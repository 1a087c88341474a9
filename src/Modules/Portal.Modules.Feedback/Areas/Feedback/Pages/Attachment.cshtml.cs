using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Requests;
using Portal.Web.Files;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages;

/// <summary>Serves an attachment by id, always as an application/octet-stream attachment with
/// nosniff. Staff get any; a customer only a public attachment of a request they may see;
/// everything else is 404 (nothing tells whether the id exists). The name in the URL must equal
/// the stored name.</summary>
[Authorize(Policy = PortalPolicies.SignedIn)]
public sealed class AttachmentModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, string? name, CancellationToken ct) =>
        await mediator.Send(new Query(User, id, name), ct) is { } file ? new StoredFileResult(file) : NotFound();

    public sealed record Query(ClaimsPrincipal User, long Id, string? Name) : IRequest<FileToServe?>;

    internal sealed class Handler(IMediator mediator, RequestQueries queries) : IRequestHandler<Query, FileToServe?>
    {
        public async Task<FileToServe?> Handle(Query query, CancellationToken ct)
        {
            if (await queries.AttachmentAsync(query.Id, ct) is not { } a) return null;
            if (query.Name is not null && !string.Equals(query.Name, a.FileName, StringComparison.Ordinal)) return null;
            if (!query.User.IsStaff())
            {
                if (a.Internal) return null;
                if (await CustomerScope.OfAsync(query.User, mediator, ct) is not { } scope) return null;
                if (await queries.RequestAsync(a.RequestId, ct) is not { } request || !scope.Sees(request)) return null;
            }
            return new FileToServe(a.StoreKey, a.FileName, a.CreatedAt, a.Sha256);
        }
    }
}
