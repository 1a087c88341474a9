using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Installations;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.InstalledBase;

/// <summary>Staff edit any organisation's installation and go back to that organisation's list.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class EditModel(IMediator mediator, IStringLocalizer localizer)
    : EditInstallationPage(mediator, localizer, InstallationScope.AnyOrganisation)
{
    protected override object? IndexRouteValues(InstallationRow saved) => new { org = saved.OrganisationId };
}
