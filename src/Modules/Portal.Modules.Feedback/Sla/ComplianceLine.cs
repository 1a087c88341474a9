using Portal.Modules.Feedback.Requests;

namespace Portal.Modules.Feedback.Sla;

/// <summary>Met, missed and still-running targets of one kind.</summary>
public sealed record TargetCounts(int Met, int Missed, int Running)
{
    public static readonly TargetCounts Zero = new(0, 0, 0);

    /// <summary>met ÷ (met + missed) in whole percent; null when nothing was decided yet.</summary>
    public int? Percent => Met + Missed == 0 ? null : (int)Math.Round(Met * 100.0 / (Met + Missed), MidpointRounding.AwayFromZero);

    public TargetCounts Add(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Met => this with { Met = Met + 1 },
        TargetOutcome.Missed => this with { Missed = Missed + 1 },
        TargetOutcome.Running => this with { Running = Running + 1 },
        _ => this,
    };

    public TargetCounts Plus(TargetCounts other) => new(Met + other.Met, Missed + other.Missed, Running + other.Running);
}

/// <summary>One row of the compliance dashboard: a severity (problems), suggestions or complaints.</summary>
/// <param name="Category">"1"–"4", "suggestion", "complaint", or "total".</param>
public sealed record ComplianceLine(string Category, int Requests, int NotCovered, TargetCounts Response, TargetCounts Resolution)
{
    public const string Total = "total";

    public static readonly IReadOnlyList<string> Categories = ["1", "2", "3", "4", RequestVocabulary.Suggestion, RequestVocabulary.Complaint];

    /// <summary>A row per category (all shown, also when empty) and the total.</summary>
    public static (IReadOnlyList<ComplianceLine> Lines, ComplianceLine Total) Tally(IEnumerable<ComplianceFacts> facts, DateTimeOffset now)
    {
        var lines = Categories.ToDictionary(c => c, c => new ComplianceLine(c, 0, 0, TargetCounts.Zero, TargetCounts.Zero), StringComparer.Ordinal);
        foreach (var f in facts)
        {
            if (!lines.TryGetValue(f.Category, out var line)) continue;
            lines[f.Category] = line with
            {
                Requests = line.Requests + 1,
                NotCovered = line.NotCovered + (f.Covered ? 0 : 1),
                Response = line.Response.Add(f.Response(now)),
                Resolution = line.Resolution.Add(f.Resolution(now)),
            };
        }
        var ordered = Categories.Select(c => lines[c]).ToList();
        var total = ordered.Aggregate(new ComplianceLine(Total, 0, 0, TargetCounts.Zero, TargetCounts.Zero), (t, l) => t with
        {
            Requests = t.Requests + l.Requests,
            NotCovered = t.NotCovered + l.NotCovered,
            Response = t.Response.Plus(l.Response),
            Resolution = t.Resolution.Plus(l.Resolution),
        });
        return (ordered, total);
    }
}
