namespace Portal.Modules.Surveys.Invitations;

/// <summary>What an invitation asks about (sv_invitations.subject_kind) and the template purpose used for it.</summary>
internal static class SurveySubject
{
    public const string Request = "request";
    public const string Session = "session";
    public const string Campaign = "campaign";

    public static string Purpose(string kind) => kind switch
    {
        Request => "request",
        Session => "training",
        _ => "general",
    };
}
