namespace Portal.Modules.Feedback.Requests;

/// <summary>Types, statuses and severities of requests, with their English labels (localization
/// keys) and, for emails rendered outside a request, their Chinese labels.</summary>
public static class RequestVocabulary
{
    public const string Problem = "problem";
    public const string Suggestion = "suggestion";
    public const string Complaint = "complaint";

    public const string New = "new";
    public const string InProgress = "in_progress";
    public const string Waiting = "waiting";
    public const string Proposed = "proposed";
    public const string Closed = "closed";
    public const string Reopened = "reopened";

    public static readonly IReadOnlyList<string> Types = [Problem, Suggestion, Complaint];

    public static readonly IReadOnlyList<string> Statuses = [New, InProgress, Waiting, Proposed, Closed, Reopened];

    /// <summary>Statuses staff may set by hand (reopening is the customer's, or staff's on a closed request).</summary>
    public static readonly IReadOnlyList<string> StaffStatuses = [InProgress, Waiting, Proposed, Closed];

    public static readonly IReadOnlyList<int> Severities = [1, 2, 3, 4];

    public static string TypeLabel(string type) => type switch
    {
        Problem => "Problem",
        Suggestion => "Suggestion",
        _ => "Complaint",
    };

    public static string StatusLabel(string status) => status switch
    {
        New => "New",
        InProgress => "In progress",
        Waiting => "Waiting on customer",
        Proposed => "Solution proposed",
        Closed => "Closed",
        _ => "Reopened",
    };

    public static string StatusClass(string status) => status switch
    {
        New => "text-bg-primary",
        Waiting => "text-bg-warning",
        Proposed => "text-bg-info",
        Closed => "text-bg-secondary",
        _ => "text-bg-light border",
    };

    /// <summary>The severity's name, as the service policy (content/knowledge severity-levels) words it.</summary>
    public static string SeverityLabel(int severity) => severity switch
    {
        1 => "Level 1 – System down",
        2 => "Level 2 – Core function impaired",
        3 => "Level 3 – Partial problem",
        _ => "Level 4 – Question",
    };

    /// <summary>What the level means in plain words, with examples.</summary>
    public static string SeverityHelp(int severity) => severity switch
    {
        1 => "Nobody can log in; the gates of a whole AFC line refuse entry; the WDS dispatch service has stopped.",
        2 => "A core function does not work: KMS search fails completely; WDS pump schedules cannot be sent; an AFC station cannot upload transactions.",
        3 => "Part of the system misbehaves: one report exports garbled text; a few pages are misaligned.",
        _ => "Configuration, how-to or version compatibility questions.",
    };

    /// <summary>The SLA severity of a request: problems their level; suggestions 5; complaints are answered like questions (4).</summary>
    public static int SlaSeverity(string type, int? severity) => type switch
    {
        Problem => severity ?? 4,
        Suggestion => 5,
        _ => 4,
    };

    public static string TypeZh(string type) => type switch
    {
        Problem => "问题",
        Suggestion => "建议",
        _ => "投诉",
    };

    public static string StatusZh(string status) => status switch
    {
        New => "新建",
        InProgress => "处理中",
        Waiting => "等待客户回复",
        Proposed => "已提供解决方案",
        Closed => "已关闭",
        _ => "已重新打开",
    };
}
