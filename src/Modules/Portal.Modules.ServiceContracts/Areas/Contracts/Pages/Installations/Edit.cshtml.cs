using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Installations;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Installations;

/// <summary>The customer edits one of their organisation's installations; another organisation's id is 404.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class EditModel(IMediator mediator, IStringLocalizer localizer)
    : EditInstallationPage(mediator, localizer, InstallationScope.OwnOrganisation);
