namespace Portal.Modules.Surveys.SurveyTemplates;

/// <summary>The _SurveyForm partial's model: the version to show and, on the answering page, the values entered so far
/// (kept when the form comes back with errors). The staff preview passes the version alone.</summary>
public sealed record SurveyForm(TemplateVersion Version, IReadOnlyDictionary<string, string?>? Answers = null,
    IReadOnlyDictionary<string, string?>? Remarks = null, IReadOnlyList<string?>? Header = null, int MaxAnswerLength = 2000)
{
    public string? Answer(long questionId) => Answers?.GetValueOrDefault(questionId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string? Remark(long questionId) => Remarks?.GetValueOrDefault(questionId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string? HeaderValue(int i) => Header is { } h && i < h.Count ? h[i] : null;
}
