using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Surveys.Results;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Results;

/// <summary>An organisation administrator: the survey results of their own organisation (the handler takes the organisation
/// from the sign-in; other customers are refused).</summary>
[Authorize]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public GetResults.Result Results { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long? template, int? version, DateOnly? from, DateOnly? to, string? product, CancellationToken ct)
    {
        if (await mediator.Send(new GetResults(User, new ResultsArgs(template, version, from, to, product, null), OwnOrganisation: true), ct)
            is not { } results) return Forbid();
        Results = results;
        return Page();
    }
}
