namespace Portal.Modules.Surveys.SurveyTemplates;

/// <summary>One stored version of a template, with its content and the numbers of all its versions.
/// The survey form partial (_SurveyForm) renders it.</summary>
public sealed record TemplateVersion(
    long Id, long TemplateId, string Code, string Purpose, int Number, DateTimeOffset CreatedAt,
    TemplateContent Content, IReadOnlyList<int> AllNumbers)
{
    public int CurrentNumber => AllNumbers.Count == 0 ? Number : AllNumbers.Max();
}

/// <summary>A line of the templates list: the current version's title and size.</summary>
public sealed record TemplateSummary(long Id, string Code, string Purpose, string TitleZh, string TitleEn, int CurrentVersion, int QuestionCount)
{
    public string Title(bool chinese) => chinese ? TitleZh : TitleEn;
}
