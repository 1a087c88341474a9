namespace Portal.Modules.Surveys.SurveyTemplates;

/// <summary>The seed form's scale: 很满意 5 … 很不满意 1, or 不适用 (kept apart from averages).</summary>
public static class RatingScale
{
    public const string NotApplicable = "na";

    public static readonly (int Score, string Label)[] Steps =
    [
        (5, "Very satisfied"), (4, "Satisfied"), (3, "Neutral"), (2, "Dissatisfied"), (1, "Very dissatisfied"),
    ];

    public const string NotApplicableLabel = "Not applicable";
}
