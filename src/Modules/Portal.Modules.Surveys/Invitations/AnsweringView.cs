using Portal.Modules.Surveys.SurveyTemplates;

namespace Portal.Modules.Surveys.Invitations;

public enum AnsweringState { Open, Expired, Answered, Thanks }

/// <summary>The _Answering partial's model, shared by the emailed link (/Surveys/Answer/{token}) and the signed-in
/// invitee's link (/Surveys/Open/{id}): the state to show, the form with the entered values, and whether the visitor
/// came without signing in (the intro says so).</summary>
public sealed record AnsweringView(AnsweringState Shown, SurveyForm Form, DateTimeOffset ExpiresAt, bool Anonymous)
{
    public static AnsweringState StateOf(OpenSurvey found) =>
        found.Answered ? AnsweringState.Answered : found.Expired ? AnsweringState.Expired : AnsweringState.Open;

    internal static AnsweringState StateAfter(InvitationStore.SubmitOutcome? outcome, AnsweringState current) => outcome switch
    {
        InvitationStore.SubmitOutcome.AlreadyAnswered => AnsweringState.Answered,
        InvitationStore.SubmitOutcome.Expired => AnsweringState.Expired,
        _ => current,
    };
}
