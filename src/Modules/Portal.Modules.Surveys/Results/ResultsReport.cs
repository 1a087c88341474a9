namespace Portal.Modules.Surveys.Results;

/// <summary>The numbers of one template version over a period. <see cref="Invited"/> counts the invitations sent in the
/// period and <see cref="Answered"/> those of them answered (the response rate); <see cref="Responses"/> counts the
/// responses submitted in the period, which every other number is computed from.</summary>
public sealed record ResultsReport(
    int Invited, int Answered, int Responses,
    IReadOnlyList<QuestionResult> Questions,
    long? OverallQuestionId,
    IReadOnlyList<MonthPoint> Trend,
    IReadOnlyList<GroupResult> ByProduct,
    IReadOnlyList<GroupResult> ByOrganisation,
    IReadOnlyList<GroupResult> ByEngineer,
    IReadOnlyList<GroupResult> ByInstructor)
{
    /// <summary>Answered / invited, or null when nobody was invited.</summary>
    public double? ResponseRate => Invited == 0 ? null : (double)Answered / Invited;

    public static readonly ResultsReport Empty = new(0, 0, 0, [], null, [], [], [], [], []);
}

/// <summary>One question's answers. Rating: <see cref="Distribution"/>[0..4] counts ratings 1..5, <see cref="NotApplicable"/>
/// the N/A answers, which <see cref="Average"/> leaves out. Choice: <see cref="ChoiceCounts"/>[k] counts choice k+1.
/// Text: <see cref="Answered"/> counts non-empty texts, <see cref="LatestTexts"/> the newest few.</summary>
public sealed record QuestionResult(long QuestionId, string Kind, int Answered, int NotApplicable, double? Average,
    IReadOnlyList<int> Distribution, IReadOnlyList<int> ChoiceCounts, IReadOnlyList<string> LatestTexts);

/// <summary>Responses submitted in one month of the vendor's calendar ("yyyy-MM") and the average of the overall question.</summary>
public sealed record MonthPoint(string Month, int Responses, double? Average);

/// <summary>Responses of one product, organisation, engineer or instructor ("" when not known) and their overall average.</summary>
public sealed record GroupResult(string Key, int Responses, double? Average);
