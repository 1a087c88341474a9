using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.SurveyTemplates;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage.Templates;

/// <summary>Staff: one version of a template (the current one unless ?version= names an older one), its
/// sections and questions in both languages, and a preview of the form customers see.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class ShowModel(IMediator mediator) : PageModel
{
    public TemplateVersion Version { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, int? version, CancellationToken ct)
    {
        var found = await mediator.Send(new GetTemplateVersion(User, id, version), ct);
        if (found.Forbidden) return Forbid();
        if (found.Found is null) return NotFound();
        Version = found.Found;
        return Page();
    }
}
