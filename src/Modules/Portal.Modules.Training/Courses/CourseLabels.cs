namespace Portal.Modules.Training.Courses;

/// <summary>English localizer keys for the stored values (the Chinese follows the service documents).</summary>
public static class CourseLabels
{
    public static string Audience(string value) => value switch
    {
        "administrator" => "System administrators",
        "operator" => "Operators",
        "expert" => "Experts",
        _ => value,
    };

    public static string Level(string value) => value switch
    {
        "basic" => "Basic",
        "advanced" => "Advanced",
        _ => value,
    };

    public static string Mode(string value) => value switch
    {
        "central" => "Central training",
        "onsite" => "On-site training",
        "topic" => "Topic session",
        _ => value,
    };

    public static string Status(string value) => value switch
    {
        "scheduled" => "Scheduled",
        "cancelled" => "Session cancelled",
        "completed" => "Completed",
        _ => value,
    };
}
