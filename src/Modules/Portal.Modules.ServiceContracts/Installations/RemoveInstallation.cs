using System.Security.Claims;
using MediatR;
using Portal.Modules.ServiceContracts.Catalog;

namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>Removing an installation from the list in a scope; its row and history are kept.</summary>
public static class RemoveInstallation
{
    public sealed record Command(ClaimsPrincipal User, InstallationScope Scope, long Id, int RowVersion) : IRequest<CatalogResult>;

    internal sealed class Handler(InstallationStore store) : IRequestHandler<Command, CatalogResult>
    {
        public async Task<CatalogResult> Handle(Command command, CancellationToken ct) =>
            InstallationAccess.Of(command.User, command.Scope) is { } access
                ? await store.RemoveAsync(command.Id, access.OrganisationId, command.RowVersion, access.Actor, ct)
                : CatalogResult.Forbidden;
    }
}
