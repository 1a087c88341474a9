using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Surveys.Areas.Surveys.Pages.Shared;
using Portal.Modules.Surveys.Results;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Results;

/// <summary>An organisation administrator: their own organisation's responses as CSV.</summary>
[Authorize]
public sealed class ExportModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long? template, int? version, DateOnly? from, DateOnly? to, string? product, CancellationToken ct) =>
        await ResultsCsv.SendAsync(this, await mediator.Send(
            new ExportResults(User, new ResultsArgs(template, version, from, to, product, null), OwnOrganisation: true), ct), ct);
}
