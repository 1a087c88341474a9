namespace Portal.Modules.Surveys;

public sealed class SurveysOptions
{
    public const string Section = "Surveys";

    /// <summary>The longest text a question, section or title may have.</summary>
    public int MaxTextLength { get; set; } = 500;
}
