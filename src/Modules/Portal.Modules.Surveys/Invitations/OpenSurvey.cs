using Portal.Modules.Surveys.SurveyTemplates;

namespace Portal.Modules.Surveys.Invitations;

/// <summary>An invitation as the answering pages show it: its version, language, expiry and whether it can still be answered.</summary>
public sealed record OpenSurvey(TemplateVersion Version, string Language, DateTimeOffset ExpiresAt, bool Expired, bool Answered);

/// <summary>What submitting answers gave: <see cref="Outcome"/> is null when the answers have errors (nothing stored),
/// <see cref="Found"/> null when there is no such invitation.</summary>
internal sealed record SubmittedAnswers(OpenSurvey? Found, InvitationStore.SubmitOutcome? Outcome, IReadOnlyList<AnswerRules.Error> Errors);
