using System.Security.Claims;
using MediatR;
using Portal.Modules.Accounts.Contracts;

namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>One installation in a scope, as the edit, history and removal pages show it.</summary>
public static class InstallationDetails
{
    /// <summary>Null when the installation does not exist, is removed, or lies outside the scope.</summary>
    public sealed record Query(ClaimsPrincipal User, InstallationScope Scope, long Id) : IRequest<Result?>;

    /// <summary>The installation as saved now (for staff with its organisation's name), the versions
    /// of its product to choose from, and its version history, latest first.</summary>
    public sealed record Result(InstallationRow Installation, IReadOnlyList<VersionChoice> Choices, IReadOnlyList<InstallationChange> History);

    internal sealed class Handler(InstallationStore store, IMediator mediator) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken ct)
        {
            if (InstallationAccess.Of(query.User, query.Scope) is not { } access) return null;
            var installation = await store.GetAsync(query.Id, access.OrganisationId, ct);
            if (installation is null) return null;
            if (access.OrganisationId is null)
                installation.OrganisationName = (await mediator.Send(new GetOrganisation(installation.OrganisationId), ct))?.Name;
            return new Result(installation, await store.ChoicesAsync(installation.ProductId, ct), await store.HistoryAsync(query.Id, ct));
        }
    }
}
