namespace Portal.Modules.Surveys.SurveyTemplates;

/// <summary>sv_questions.kind and sv_templates.purpose values, with the English labels staff see.</summary>
public static class QuestionKinds
{
    public const string Rating = "rating";
    public const string Choice = "choice";
    public const string Text = "text";

    public static readonly string[] All = [Rating, Choice, Text];

    public static string Label(string? kind) => kind switch
    {
        Rating => "Rating (5 to 1, or not applicable)",
        Choice => "Single choice",
        _ => "Free text",
    };

    public static readonly string[] Purposes = ["general", "request", "training"];

    public static string PurposeLabel(string purpose) => purpose switch
    {
        "request" => "After a service request",
        "training" => "After a training",
        _ => "General",
    };
}
