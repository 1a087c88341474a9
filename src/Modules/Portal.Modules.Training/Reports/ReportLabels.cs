namespace Portal.Modules.Training.Reports;

/// <summary>English keys (translated through the localizer) for the values the reports show.</summary>
public static class ReportLabels
{
    public static string State(string state) => state switch
    {
        "enrolled" => "Enrolled",
        "waitlisted" => "Waitlisted",
        "requested" => "Paid request",
        _ => "Enrollment cancelled",
    };

    public static string Attendance(string? attendance) => attendance switch
    {
        "attended" => "Attended",
        "absent" => "Absent",
        _ => "Not recorded",
    };

    public static string Billing(string billing) => billing == "free" ? "Free training" : "Paid";
}
