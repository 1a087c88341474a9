using System.Security.Claims;
using MediatR;
using Portal.Web.Paging;

namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>The current installations in a scope, a page at a time. Staff may narrow the list to
/// one organisation; both may narrow it to one product code (an unknown code matches nothing).</summary>
public static class InstallationList
{
    /// <summary>Null when the user may not act in the scope.</summary>
    public sealed record Query(ClaimsPrincipal User, InstallationScope Scope, int Page, long? OrganisationId = null, string? ProductCode = null)
        : IRequest<PagedList<InstallationRow>?>;

    internal sealed class Handler(InstallationStore store) : IRequestHandler<Query, PagedList<InstallationRow>?>
    {
        public async Task<PagedList<InstallationRow>?> Handle(Query query, CancellationToken ct) =>
            InstallationAccess.Of(query.User, query.Scope) is { } access
                ? await store.ListAsync(access.OrganisationId ?? query.OrganisationId, query.ProductCode, query.Page, ct)
                : null;
    }
}
