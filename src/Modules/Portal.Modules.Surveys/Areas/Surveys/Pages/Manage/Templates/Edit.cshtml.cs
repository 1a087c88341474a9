using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.SurveyTemplates;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage.Templates;

/// <summary>Staff: change a template's texts, sections and questions. Saving stores the next version; the
/// versions before it stay as they were (answers refer to them).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class EditModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public TemplateContent Input { get; set; } = new();

    public TemplateVersion Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        Input = Current.Content;
        return Page();
    }

    /// <summary>Adds an empty section to the form (nothing is stored until Save).</summary>
    public async Task<IActionResult> OnPostAddSectionAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        ModelState.Clear();
        Input.Sections.Add(new SectionContent { Position = Input.Sections.Count + 1, Questions = [new QuestionContent { Position = 1 }] });
        return Page();
    }

    /// <summary>Adds an empty question to section <paramref name="section"/> (0-based) of the form.</summary>
    public async Task<IActionResult> OnPostAddQuestionAsync(int section, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        ModelState.Clear();
        if (section >= 0 && section < Input.Sections.Count)
            Input.Sections[section].Questions.Add(new QuestionContent { Position = Input.Sections[section].Questions.Count + 1 });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (!ModelState.IsValid) return Page();
        var saved = await mediator.Send(new Save(User, Id, Input), ct);
        if (saved.Outcome == Outcome.Forbidden) return Forbid();
        if (saved.Outcome == Outcome.NotFound) return NotFound();
        if (saved.Problems.Count > 0)
        {
            foreach (var p in saved.Problems) ModelState.AddModelError(string.Empty, localizer[p.Message, p.Args]);
            return Page();
        }
        TempData["Message"] = localizer["Saved as version {0}.", saved.Version].Value;
        return Redirect($"/Surveys/Manage/Templates/{Id}");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var found = await mediator.Send(new GetTemplateVersion(User, Id, null), ct);
        if (found.Forbidden) return Forbid();
        if (found.Found is null) return NotFound();
        Current = found.Found;
        return null;
    }

    public enum Outcome { Saved, Forbidden, NotFound, Invalid }

    public sealed record Saved(Outcome Outcome, int Version, IReadOnlyList<TemplateRules.Problem> Problems);

    public sealed record Save(ClaimsPrincipal User, long Id, TemplateContent Content) : IRequest<Saved>;

    internal sealed class Handler(TemplateStore store, IOptions<SurveysOptions> options) : IRequestHandler<Save, Saved>
    {
        public async Task<Saved> Handle(Save command, CancellationToken ct)
        {
            if (!command.User.IsStaff()) return new Saved(Outcome.Forbidden, 0, []);
            var content = command.Content.Normalized();
            var problems = TemplateRules.Check(content, options.Value.MaxTextLength);
            if (problems.Count > 0) return new Saved(Outcome.Invalid, 0, problems);
            return await store.AddVersionAsync(command.Id, content, command.User.UserId(), ct) is { } version
                ? new Saved(Outcome.Saved, version, [])
                : new Saved(Outcome.NotFound, 0, []);
        }
    }
}
