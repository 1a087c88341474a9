using System.Security.Claims;
using MediatR;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Catalog;

namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>Adding an installation: the customer to their own organisation, staff to the organisation
/// they choose.</summary>
public static class AddInstallation
{
    /// <summary>The form field of the organisation staff choose.</summary>
    public const string OrganisationField = "org";

    /// <summary>What the form offers; null when the user may not act in the scope.</summary>
    public sealed record Query(ClaimsPrincipal User, InstallationScope Scope) : IRequest<Form?>;

    /// <summary>The versions of active products, and for staff the organisations to choose from.</summary>
    public sealed record Form(IReadOnlyList<VersionChoice> Choices, IReadOnlyList<OrganisationInfo> Organisations);

    /// <summary><paramref name="OrganisationId"/> is the staff's choice; in the customer's scope it is ignored.</summary>
    public sealed record Command(ClaimsPrincipal User, InstallationScope Scope, long? OrganisationId, InstallationInput Input) : IRequest<CatalogResult>;

    internal sealed class Handler(InstallationStore store, IMediator mediator) : IRequestHandler<Query, Form?>, IRequestHandler<Command, CatalogResult>
    {
        public async Task<Form?> Handle(Query query, CancellationToken ct)
        {
            if (InstallationAccess.Of(query.User, query.Scope) is not { } access) return null;
            var organisations = access.OrganisationId is null ? await mediator.Send(new ListOrganisations(), ct) : [];
            return new Form(await store.ChoicesAsync(null, ct), organisations);
        }

        public async Task<CatalogResult> Handle(Command command, CancellationToken ct)
        {
            if (InstallationAccess.Of(command.User, command.Scope) is not { } access) return CatalogResult.Forbidden;
            long organisationId;
            if (access.OrganisationId is { } own) organisationId = own;
            else if (command.OrganisationId is { } chosen && await mediator.Send(new GetOrganisation(chosen), ct) is not null) organisationId = chosen;
            else return CatalogResult.Invalid(OrganisationField, "Choose the organisation.");
            return await store.AddAsync(organisationId, command.Input, access.Actor, ct);
        }
    }
}
