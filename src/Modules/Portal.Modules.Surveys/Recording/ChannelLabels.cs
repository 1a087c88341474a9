namespace Portal.Modules.Surveys.Recording;

/// <summary>The localization keys of sv_responses.channel and of an invitation's status.</summary>
public static class ChannelLabels
{
    public static string Of(string channel) => channel switch
    {
        "phone" => "By phone",
        "fax" => "By fax",
        "email" => "By e-mail",
        _ => "Online",
    };

    public static string Status(string status) => status switch
    {
        ResponseQueries.Answered => "Answered",
        ResponseQueries.Expired => "Expired",
        _ => "Not answered yet",
    };
}
