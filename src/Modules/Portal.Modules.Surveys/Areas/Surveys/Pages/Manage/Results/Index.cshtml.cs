using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.Results;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage.Results;

/// <summary>Staff: the results of a template version over a period, optionally of one product or organisation.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public GetResults.Result Results { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long? template, int? version, DateOnly? from, DateOnly? to, string? product, long? organisation,
        CancellationToken ct)
    {
        if (await mediator.Send(new GetResults(User, new ResultsArgs(template, version, from, to, product, organisation), OwnOrganisation: false), ct)
            is not { } results) return Forbid();
        Results = results;
        return Page();
    }
}
