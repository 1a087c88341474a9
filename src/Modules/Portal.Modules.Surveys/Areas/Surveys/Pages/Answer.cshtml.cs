using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Surveys.Invitations;
using Portal.Modules.Surveys.SurveyTemplates;
using Portal.Web.Localization;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages;

/// <summary>The emailed survey link: no sign-in, the token is the key. Shows the invitation's version in the
/// invitation's language (unless the visitor chose a language: the language switch's cookie is set on the first visit), stores one response, and otherwise says why not:
/// expired, already answered; an unknown token is a 404.</summary>
[AllowAnonymous]
public sealed class AnswerModel(IMediator mediator, IStringLocalizer L, IOptions<SurveysOptions> options) : PageModel
{
    public AnsweringView View { get; private set; } = null!;

    // Named: without a name, a post with no remark at all would bind Remarks from every field and route value
    // (the empty-prefix fallback), which reads as questions from another survey.
    [BindProperty(Name = nameof(Answers))] public Dictionary<string, string?> Answers { get; set; } = [];

    [BindProperty(Name = nameof(Remarks))] public Dictionary<string, string?> Remarks { get; set; } = [];

    [BindProperty(Name = nameof(Header))] public List<string?> Header { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string token, bool done, bool language, CancellationToken ct)
    {
        var found = await mediator.Send(new Query(token), ct);
        if (found is null) return NotFound();
        // The link is opened from an email, often in a browser that never chose a language here: take the invitee's
        // (once; ?language=true stops a browser that keeps no cookies from coming back forever).
        if (!language && !Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName))
        {
            CultureCookie.Remember(Response, found.Language);
            return RedirectToPage(new { token, done = done ? true : (bool?)null, language = true });
        }
        var state = AnsweringView.StateOf(found);
        Show(found, done && state == AnsweringState.Answered ? AnsweringState.Thanks : state);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var result = await mediator.Send(new Submit(token, Answers, Remarks, Header, ChosenLanguage()), ct);
        if (result.Found is null) return NotFound();
        if (result.Outcome == InvitationStore.SubmitOutcome.Stored) return RedirectToPage(new { token, done = true });
        Show(result.Found, AnsweringView.StateAfter(result.Outcome, AnsweringView.StateOf(result.Found)));
        foreach (var e in result.Errors) ModelState.AddModelError(e.Field, L[e.Message, e.Args]);
        return Page();
    }

    private void Show(OpenSurvey found, AnsweringState state) =>
        View = new AnsweringView(state, new SurveyForm(found.Version, Answers, Remarks, Header, options.Value.MaxAnswerLength), found.ExpiresAt, Anonymous: true);

    private string? ChosenLanguage() =>
        Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName) ? CultureInfo.CurrentUICulture.Name : null;

    /// <summary>The invitation of a token with its version; null for an unknown token.</summary>
    public sealed record Query(string Token) : IRequest<OpenSurvey?>;

    internal sealed class QueryHandler(InvitationStore invitations, AnswerSheet sheet) : IRequestHandler<Query, OpenSurvey?>
    {
        public async Task<OpenSurvey?> Handle(Query query, CancellationToken ct) =>
            await sheet.LoadAsync(await invitations.FindAsync(query.Token, ct), ct);
    }

    /// <summary>Checks and stores the answers. <see cref="ChosenLanguage"/> is the language the visitor chose (null: the
    /// invitation's), for the question texts in error messages.</summary>
    internal sealed record Submit(string Token, IReadOnlyDictionary<string, string?> Answers, IReadOnlyDictionary<string, string?> Remarks,
        IReadOnlyList<string?> Header, string? ChosenLanguage) : IRequest<SubmittedAnswers>;

    internal sealed class SubmitHandler(InvitationStore invitations, AnswerSheet sheet) : IRequestHandler<Submit, SubmittedAnswers>
    {
        public async Task<SubmittedAnswers> Handle(Submit command, CancellationToken ct)
        {
            var row = await invitations.FindAsync(command.Token, ct);
            return await sheet.SubmitAsync(row, command.Answers, command.Remarks, command.Header, command.ChosenLanguage ?? row?.Language ?? "zh-CN", ct);
        }
    }
}
