using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.Areas.Surveys.Pages.Shared;
using Portal.Modules.Surveys.Results;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage.Results;

/// <summary>Staff: every response of the chosen version and period as CSV, streamed (see <see cref="ExportResults"/>).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class ExportModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long? template, int? version, DateOnly? from, DateOnly? to, string? product, long? organisation,
        CancellationToken ct) =>
        await ResultsCsv.SendAsync(this, await mediator.Send(
            new ExportResults(User, new ResultsArgs(template, version, from, to, product, organisation), OwnOrganisation: false), ct), ct);
}
