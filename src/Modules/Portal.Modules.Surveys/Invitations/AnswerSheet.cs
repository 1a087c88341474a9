using Microsoft.Extensions.Options;
using Portal.Modules.Surveys.SurveyTemplates;

namespace Portal.Modules.Surveys.Invitations;

/// <summary>The one way answers get into sv_responses, whoever submits them: the emailed link, the signed-in invitee's
/// link, staff recording a phone, fax or e-mail answer. Loads the invitation's version, checks the answers with
/// <see cref="AnswerRules"/> and stores them once through <see cref="InvitationStore.SubmitAsync"/>.</summary>
internal sealed class AnswerSheet(InvitationStore invitations, TemplateStore templates, TimeProvider clock, IOptions<SurveysOptions> options)
{
    public async Task<OpenSurvey?> LoadAsync(InvitationRow? row, CancellationToken ct)
    {
        if (row is null || await templates.FindAsync(row.TemplateId, (int)row.VersionNumber, ct) is not { } version) return null;
        return new OpenSurvey(version, row.Language, row.ExpiresAt, row.ExpiresAt <= clock.GetUtcNow(), row.AnsweredAt is not null);
    }

    /// <summary><paramref name="language"/> names the question texts in error messages; <paramref name="formError"/> is an
    /// error of the page's own fields (the staff page's channel), shown with the answers' errors.</summary>
    public async Task<SubmittedAnswers> SubmitAsync(InvitationRow? row, IReadOnlyDictionary<string, string?> answers, IReadOnlyDictionary<string, string?> remarks,
        IReadOnlyList<string?> header, string language, CancellationToken ct, string channel = "web", long? recordedBy = null, AnswerRules.Error? formError = null)
    {
        if (await LoadAsync(row, ct) is not { } found) return new SubmittedAnswers(null, null, []);
        if (found.Answered) return new SubmittedAnswers(found, InvitationStore.SubmitOutcome.AlreadyAnswered, []);
        if (found.Expired) return new SubmittedAnswers(found, InvitationStore.SubmitOutcome.Expired, []);
        var chinese = language.StartsWith("zh", StringComparison.Ordinal);
        var (given, headerValues, errors) = AnswerRules.Check(found.Version, chinese, answers, remarks, header, options.Value.MaxAnswerLength);
        if (formError is not null) errors.Insert(0, formError);
        if (errors.Count > 0) return new SubmittedAnswers(found, null, errors);
        return new SubmittedAnswers(found, await invitations.SubmitAsync(row!, headerValues, given, ct, channel, recordedBy), []);
    }
}
