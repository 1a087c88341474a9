using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.Invitations;
using Portal.Modules.Surveys.SurveyTemplates;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages;

/// <summary>A signed-in invitee's own survey (linked from the home page; the emailed token is not stored, so this link
/// goes by invitation id). Someone else's invitation is a 404. Same form, rules and single use as the emailed link.</summary>
[Authorize(Policy = PortalPolicies.SignedIn)]
public sealed class OpenModel(IMediator mediator, IStringLocalizer L, IOptions<SurveysOptions> options) : PageModel
{
    public AnsweringView View { get; private set; } = null!;

    [BindProperty(Name = nameof(Answers))] public Dictionary<string, string?> Answers { get; set; } = [];

    [BindProperty(Name = nameof(Remarks))] public Dictionary<string, string?> Remarks { get; set; } = [];

    [BindProperty(Name = nameof(Header))] public List<string?> Header { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, bool done, CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, id), ct) is not { } found) return NotFound();
        var state = AnsweringView.StateOf(found);
        Show(found, done && state == AnsweringState.Answered ? AnsweringState.Thanks : state);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var result = await mediator.Send(new Submit(User, id, Answers, Remarks, Header, CultureInfo.CurrentUICulture.Name), ct);
        if (result.Found is null) return NotFound();
        if (result.Outcome == InvitationStore.SubmitOutcome.Stored) return RedirectToPage(new { id, done = true });
        Show(result.Found, AnsweringView.StateAfter(result.Outcome, AnsweringView.StateOf(result.Found)));
        foreach (var e in result.Errors) ModelState.AddModelError(e.Field, L[e.Message, e.Args]);
        return Page();
    }

    private void Show(OpenSurvey found, AnsweringState state) =>
        View = new AnsweringView(state, new SurveyForm(found.Version, Answers, Remarks, Header, options.Value.MaxAnswerLength), found.ExpiresAt, Anonymous: false);

    /// <summary>The signed-in user's invitation with its version; null when it is not theirs or does not exist.</summary>
    public sealed record Query(ClaimsPrincipal User, long InvitationId) : IRequest<OpenSurvey?>;

    internal sealed class QueryHandler(InvitationStore invitations, AnswerSheet sheet) : IRequestHandler<Query, OpenSurvey?>
    {
        public async Task<OpenSurvey?> Handle(Query query, CancellationToken ct) =>
            await sheet.LoadAsync(await OwnAsync(invitations, query.User, query.InvitationId, ct), ct);

        internal static async Task<InvitationRow?> OwnAsync(InvitationStore invitations, ClaimsPrincipal user, long id, CancellationToken ct) =>
            user.UserId() is { } me && await invitations.FindByIdAsync(id, ct) is { } row && row.UserId == me ? row : null;
    }

    internal sealed record Submit(ClaimsPrincipal User, long InvitationId, IReadOnlyDictionary<string, string?> Answers,
        IReadOnlyDictionary<string, string?> Remarks, IReadOnlyList<string?> Header, string Language) : IRequest<SubmittedAnswers>;

    internal sealed class SubmitHandler(InvitationStore invitations, AnswerSheet sheet) : IRequestHandler<Submit, SubmittedAnswers>
    {
        public async Task<SubmittedAnswers> Handle(Submit command, CancellationToken ct) =>
            await sheet.SubmitAsync(await QueryHandler.OwnAsync(invitations, command.User, command.InvitationId, ct),
                command.Answers, command.Remarks, command.Header, command.Language, ct);
    }
}
