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
    public enum State { Open, Expired, Answered, Thanks }

    public State Shown { get; private set; }

    public SurveyForm Form { get; private set; } = null!;

    public DateTimeOffset ExpiresAt { get; private set; }

    [BindProperty] public Dictionary<string, string?> Answers { get; set; } = [];

    [BindProperty] public Dictionary<string, string?> Remarks { get; set; } = [];

    [BindProperty] public List<string?> Header { get; set; } = [];

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
        Show(found);
        if (done && Shown == State.Answered) Shown = State.Thanks;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var result = await mediator.Send(new Submit(token, Answers, Remarks, Header, ChosenLanguage()), ct);
        if (result.Found is null) return NotFound();
        if (result.Outcome == InvitationStore.SubmitOutcome.Stored) return RedirectToPage(new { token, done = true });
        Show(result.Found);
        if (result.Outcome == InvitationStore.SubmitOutcome.AlreadyAnswered) Shown = State.Answered;
        else if (result.Outcome == InvitationStore.SubmitOutcome.Expired) Shown = State.Expired;
        foreach (var e in result.Errors) ModelState.AddModelError(e.Field, L[e.Message, e.Args]);
        return Page();
    }

    private void Show(Found found)
    {
        ExpiresAt = found.ExpiresAt;
        Shown = found.Answered ? State.Answered : found.Expired ? State.Expired : State.Open;
        Form = new SurveyForm(found.Version, Answers, Remarks, Header, options.Value.MaxAnswerLength);
    }

    private string? ChosenLanguage() =>
        Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName) ? CultureInfo.CurrentUICulture.Name : null;

    public sealed record Found(TemplateVersion Version, string Language, DateTimeOffset ExpiresAt, bool Expired, bool Answered);

    /// <summary>The invitation of a token with its version; null for an unknown token.</summary>
    public sealed record Query(string Token) : IRequest<Found?>;

    internal sealed class QueryHandler(InvitationStore invitations, TemplateStore templates, TimeProvider clock) : IRequestHandler<Query, Found?>
    {
        public async Task<Found?> Handle(Query query, CancellationToken ct) =>
            await Load(invitations, templates, clock, query.Token, ct) is { } loaded ? loaded.Found : null;

        internal static async Task<(InvitationRow Row, Found Found)?> Load(InvitationStore invitations, TemplateStore templates, TimeProvider clock,
            string token, CancellationToken ct)
        {
            if (await invitations.FindAsync(token, ct) is not { } row) return null;
            if (await templates.FindAsync(row.TemplateId, (int)row.VersionNumber, ct) is not { } version) return null;
            return (row, new Found(version, row.Language, row.ExpiresAt, row.ExpiresAt <= clock.GetUtcNow(), row.AnsweredAt is not null));
        }
    }

    /// <summary>Checks and stores the answers. <see cref="ChosenLanguage"/> is the language the visitor chose (null: the
    /// invitation's), for the question texts in error messages.</summary>
    internal sealed record Submit(string Token, IReadOnlyDictionary<string, string?> Answers, IReadOnlyDictionary<string, string?> Remarks,
        IReadOnlyList<string?> Header, string? ChosenLanguage) : IRequest<Submitted>;

    /// <summary><see cref="Outcome"/> is null when the answers have errors (nothing stored).</summary>
    internal sealed record Submitted(Found? Found, InvitationStore.SubmitOutcome? Outcome, IReadOnlyList<AnswerRules.Error> Errors);

    internal sealed class SubmitHandler(InvitationStore invitations, TemplateStore templates, TimeProvider clock, IOptions<SurveysOptions> options)
        : IRequestHandler<Submit, Submitted>
    {
        public async Task<Submitted> Handle(Submit command, CancellationToken ct)
        {
            if (await QueryHandler.Load(invitations, templates, clock, command.Token, ct) is not { } loaded) return new Submitted(null, null, []);
            var (row, found) = loaded;
            if (found.Answered) return new Submitted(found, InvitationStore.SubmitOutcome.AlreadyAnswered, []);
            if (found.Expired) return new Submitted(found, InvitationStore.SubmitOutcome.Expired, []);
            var chinese = (command.ChosenLanguage ?? found.Language).StartsWith("zh", StringComparison.Ordinal);
            var (answers, header, errors) = AnswerRules.Check(found.Version, chinese, command.Answers, command.Remarks, command.Header, options.Value.MaxAnswerLength);
            if (errors.Count > 0) return new Submitted(found, null, errors);
            return new Submitted(found, await invitations.SubmitAsync(row, header, answers, ct), []);
        }
    }
}
