using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Installations;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Installations;

/// <summary>The confirmation step before the customer removes an installation from their list.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class RemoveModel(IMediator mediator, IStringLocalizer localizer)
    : RemoveInstallationPage(mediator, localizer, InstallationScope.OwnOrganisation);
