using System.Security.Claims;
using MediatR;
using Portal.Modules.ServiceContracts.Catalog;

namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>Saving an installation's form in a scope (the form is read with <see cref="InstallationDetails"/>).</summary>
public static class EditInstallation
{
    public sealed record Command(ClaimsPrincipal User, InstallationScope Scope, long Id, InstallationInput Input) : IRequest<CatalogResult>;

    internal sealed class Handler(InstallationStore store) : IRequestHandler<Command, CatalogResult>
    {
        public async Task<CatalogResult> Handle(Command command, CancellationToken ct) =>
            InstallationAccess.Of(command.User, command.Scope) is { } access
                ? await store.UpdateAsync(command.Id, access.OrganisationId, command.Input, access.Actor, ct)
                : CatalogResult.Forbidden;
    }
}
