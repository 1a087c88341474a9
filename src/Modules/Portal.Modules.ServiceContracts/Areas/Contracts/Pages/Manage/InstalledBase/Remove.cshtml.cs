using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Installations;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.InstalledBase;

/// <summary>Staff: the confirmation step before removing an installation; back to its organisation's list.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class RemoveModel(IMediator mediator, IStringLocalizer localizer)
    : RemoveInstallationPage(mediator, localizer, InstallationScope.AnyOrganisation)
{
    protected override object? IndexRouteValues(InstallationRow? removed) => new { org = removed?.OrganisationId };
}
