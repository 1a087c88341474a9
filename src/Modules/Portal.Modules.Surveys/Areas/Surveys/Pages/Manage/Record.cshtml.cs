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
using Portal.Modules.Surveys.Recording;
using Portal.Modules.Surveys.SurveyTemplates;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage;

/// <summary>Staff record a response received by phone, fax or e-mail for a pending invitation: the invitee's form, the
/// same rules and the same single use as the link; the response keeps the channel and the staff member.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class RecordModel(IMediator mediator, IStringLocalizer L, IOptions<SurveysOptions> options) : PageModel
{
    public static readonly string[] StaffChannels = ["phone", "fax", "email"];

    public Loaded Shown { get; private set; } = null!;

    public SurveyForm Form { get; private set; } = null!;

    [BindProperty] public string? Channel { get; set; }

    [BindProperty(Name = nameof(Answers))] public Dictionary<string, string?> Answers { get; set; } = [];

    [BindProperty(Name = nameof(Remarks))] public Dictionary<string, string?> Remarks { get; set; } = [];

    [BindProperty(Name = nameof(Header))] public List<string?> Header { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long invitationId, CancellationToken ct)
    {
        if (!User.IsStaff()) return Forbid();
        if (await mediator.Send(new Query(User, invitationId), ct) is not { } loaded) return NotFound();
        Show(loaded);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long invitationId, CancellationToken ct)
    {
        if (!User.IsStaff()) return Forbid();
        var result = await mediator.Send(new Record(User, invitationId, Channel, Answers, Remarks, Header, CultureInfo.CurrentUICulture.Name), ct);
        if (result is null) return NotFound();
        if (result.ResponseId is { } stored && result.Submitted.Outcome == InvitationStore.SubmitOutcome.Stored)
            return Redirect(string.Create(CultureInfo.InvariantCulture, $"/Surveys/Manage/Responses/{stored}"));
        foreach (var e in result.Submitted.Errors) ModelState.AddModelError(e.Field, L[e.Message, e.Args]);
        Show(result.Loaded);
        return Page();
    }

    private void Show(Loaded loaded)
    {
        Shown = loaded;
        Form = new SurveyForm(loaded.Survey.Version, Answers, Remarks, Header, options.Value.MaxAnswerLength);
    }

    /// <summary>The invitation with its version and, once answered, its response.</summary>
    public sealed record Loaded(string Email, string SubjectLabel, OpenSurvey Survey, long? ResponseId);

    public sealed record Query(ClaimsPrincipal User, long InvitationId) : IRequest<Loaded?>;

    internal sealed class QueryHandler(InvitationStore invitations, AnswerSheet sheet, ResponseQueries responses) : IRequestHandler<Query, Loaded?>
    {
        public async Task<Loaded?> Handle(Query query, CancellationToken ct) =>
            query.User.IsStaff() ? await LoadAsync(invitations, sheet, responses, query.InvitationId, ct) : null;

        internal static async Task<Loaded?> LoadAsync(InvitationStore invitations, AnswerSheet sheet, ResponseQueries responses, long id, CancellationToken ct)
        {
            var row = await invitations.FindByIdAsync(id, ct);
            if (row is null || await sheet.LoadAsync(row, ct) is not { } survey) return null;
            return new Loaded(row.Email, row.SubjectLabel, survey, survey.Answered ? await responses.ResponseOfInvitationAsync(id, ct) : null);
        }
    }

    internal sealed record Record(ClaimsPrincipal User, long InvitationId, string? Channel, IReadOnlyDictionary<string, string?> Answers,
        IReadOnlyDictionary<string, string?> Remarks, IReadOnlyList<string?> Header, string Language) : IRequest<Recorded?>;

    /// <summary>What recording gave; <see cref="Loaded"/> is the invitation as it is now (answered when stored).</summary>
    internal sealed record Recorded(Loaded Loaded, SubmittedAnswers Submitted, long? ResponseId);

    internal sealed class RecordHandler(InvitationStore invitations, AnswerSheet sheet, ResponseQueries responses) : IRequestHandler<Record, Recorded?>
    {
        public async Task<Recorded?> Handle(Record command, CancellationToken ct)
        {
            if (!command.User.IsStaff() || command.User.UserId() is not { } staffId) return null;
            var row = await invitations.FindByIdAsync(command.InvitationId, ct);
            if (row is null) return null;
            var channel = StaffChannels.Contains(command.Channel) ? command.Channel! : null;
            var channelError = channel is null ? new AnswerRules.Error(nameof(Channel), "Choose how the answers were received: by phone, by fax or by e-mail.", []) : null;
            var submitted = await sheet.SubmitAsync(row, command.Answers, command.Remarks, command.Header, command.Language, ct,
                channel ?? "phone", staffId, channelError);
            if (submitted.Found is null) return null;
            var loaded = await QueryHandler.LoadAsync(invitations, sheet, responses, command.InvitationId, ct);
            return loaded is null ? null : new Recorded(loaded, submitted, loaded.ResponseId);
        }
    }
}
