namespace Portal.Modules.Surveys;

public sealed class SurveysOptions
{
    public const string Section = "Surveys";

    /// <summary>The longest text a question, section or title may have.</summary>
    public int MaxTextLength { get; set; } = 500;

    /// <summary>Days an emailed survey link stays valid.</summary>
    public int InvitationDays { get; set; } = 30;

    /// <summary>The longest answer to a free-text question or remark a customer may give.</summary>
    public int MaxAnswerLength { get; set; } = 2000;
}
