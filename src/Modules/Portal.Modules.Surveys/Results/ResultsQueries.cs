using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Surveys.SurveyTemplates;
using Portal.Web.Formatting;

namespace Portal.Modules.Surveys.Results;

/// <summary>Results of a template version computed from sv_responses / sv_answers / sv_invitations, and the responses
/// streamed for the CSV export.</summary>
internal sealed class ResultsQueries(IDb db, DisplayTime time)
{
    public const int LatestTextCount = 5;

    /// <summary>The results of <paramref name="filter"/>: each vendor month the period covers is read from the rollups
    /// (sv_answer_counts, sv_response_counts) when the period takes the whole month, or takes the part of it that has
    /// responses (none before the period's start or after its end: the current month up to today is whole); otherwise that
    /// month's part is counted from the raw rows. <paramref name="rawOnly"/> counts every month from the raw rows (tests).</summary>
    public async Task<ResultsReport> ReportAsync(TemplateVersion version, ResultsFilter filter, CancellationToken ct, bool rawOnly = false)
    {
        var questions = version.Content.Sections.SelectMany(s => s.Questions).ToList();
        var overall = questions.LastOrDefault(q => q.Kind == QuestionKinds.Rating)?.Id;
        await using var c = await db.OpenAsync(ct);
        var invited = await c.QuerySingleAsync<(long Invited, long Answered)>(new CommandDefinition($"""
            SELECT COUNT(*), COUNT(i.answered_at) FROM sv_invitations i WHERE {filter.InvitationConditions()}
            """, filter, cancellationToken: ct));

        var tally = new ReportTally();
        var firstMonth = time.Local(filter.From);
        var wholeMonths = new List<string>();
        for (var m = new DateTime(firstMonth.Year, firstMonth.Month, 1); m < time.Local(filter.To).DateTime; m = m.AddMonths(1))
        {
            var month = m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            tally.Months[month] = new Tally();
            var start = SurveyRollups.MonthStart(time, m);
            var end = SurveyRollups.MonthStart(time, m.AddMonths(1));
            var part = filter with { From = start > filter.From ? start : filter.From, To = end < filter.To ? end : filter.To };
            if (!rawOnly && await WholeAsync(c, filter.VersionId, start, end, part, ct)) wholeMonths.Add(month);
            else await RawMonthAsync(c, tally, month, part, overall, ct);
        }
        if (wholeMonths.Count > 0) await RollupsAsync(c, tally, filter, wholeMonths, ct);

        var results = new List<QuestionResult>();
        foreach (var q in questions)
        {
            var values = tally.Answers.GetValueOrDefault(q.Id) ?? [];
            long Count(string value) => values.GetValueOrDefault(value);
            var distribution = new int[5];
            for (var i = 0; i < 5; i++) distribution[i] = (int)Count((i + 1).ToString(CultureInfo.InvariantCulture));
            var notApplicable = (int)Count("na");
            var rated = distribution.Sum();
            double? average = rated == 0 ? null : distribution.Select((n, i) => (double)n * (i + 1)).Sum() / rated;
            var choiceCounts = new int[q.Choices.Count];
            for (var k = 1; k <= choiceCounts.Length; k++) choiceCounts[k - 1] = (int)Count("c" + k.ToString(CultureInfo.InvariantCulture));
            var texts = (int)Count("text");
            var latest = q.Kind == QuestionKinds.Text && texts > 0 ? await LatestTextsAsync(c, filter, q.Id, ct) : [];
            var answered = q.Kind switch
            {
                QuestionKinds.Rating => rated,
                QuestionKinds.Choice => choiceCounts.Sum(),
                _ => texts,
            };
            results.Add(new QuestionResult(q.Id, q.Kind ?? "", answered, notApplicable, average, distribution, choiceCounts, latest));
        }
        return new ResultsReport((int)invited.Invited, (int)invited.Answered, (int)tally.Responses, results, overall,
            [.. tally.Months.Select(m => new MonthPoint(m.Key, (int)m.Value.Count, m.Value.Average))],
            Groups(tally.Products), Groups(tally.Organisations), Groups(tally.Engineers), Groups(tally.Instructors));
    }

    /// <summary>Whether the rollups' whole month [start, end) counts exactly the period's part of it: no response of the
    /// version lies in the month outside that part.</summary>
    private static async Task<bool> WholeAsync(DbConnection c, long versionId, DateTimeOffset start, DateTimeOffset end, ResultsFilter part,
        CancellationToken ct)
    {
        if (part.From == start && part.To == end) return true;
        return !await c.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM sv_responses WHERE template_version_id = @versionId
                AND ((submitted_at >= @start AND submitted_at < @From) OR (submitted_at >= @To AND submitted_at < @end))) THEN 1 ELSE 0 END
            """, new { versionId, start, end, part.From, part.To }, cancellationToken: ct));
    }

    private static async Task RollupsAsync(DbConnection c, ReportTally tally, ResultsFilter filter, List<string> months, CancellationToken ct)
    {
        // Only the period's first and last month can be partial: the whole ones are one range.
        var args = new { filter.VersionId, organisation = filter.Organisation ?? SurveyRollups.AllOrganisations, first = months[0], last = months[^1], filter.Product };
        var product = filter.Product is null ? "" : " AND product_code = @Product";
        foreach (var a in await c.QueryAsync<(long QuestionId, string Value, long N)>(new CommandDefinition($"""
            SELECT question_id, value, SUM(n) FROM sv_answer_counts
            WHERE template_version_id = @VersionId AND organisation_id = @organisation AND month >= @first AND month <= @last{product}
            GROUP BY question_id, value
            """, args, cancellationToken: ct)))
            tally.Answer(a.QuestionId, a.Value, a.N);
        foreach (var r in await c.QueryAsync<RollupRow>(new CommandDefinition($"""
            SELECT month AS Month, product_code AS Product, dimension AS Dimension, item AS Item, n AS N, rated AS Rated, rating_sum AS RatingSum
            FROM sv_response_counts
            WHERE template_version_id = @VersionId AND organisation_id = @organisation AND month >= @first AND month <= @last{product}
            """, args, cancellationToken: ct)))
        {
            switch (r.Dimension)
            {
                case "engineer":
                    tally.Responses += r.N;
                    Add(tally.Months, r.Month, r.N, r.Rated, r.RatingSum);
                    Add(tally.Products, r.Product, r.N, r.Rated, r.RatingSum);
                    Add(tally.Engineers, r.Item, r.N, r.Rated, r.RatingSum);
                    if (filter.Organisation is { } o) Add(tally.Organisations, o.ToString(CultureInfo.InvariantCulture), r.N, r.Rated, r.RatingSum);
                    break;
                case "instructor":
                    Add(tally.Instructors, r.Item, r.N, r.Rated, r.RatingSum);
                    break;
                case "organisation":
                    Add(tally.Organisations, r.Item, r.N, r.Rated, r.RatingSum);
                    break;
            }
        }
    }

    /// <summary>Counts the raw rows of <paramref name="part"/> (inside one vendor month).</summary>
    private static async Task RawMonthAsync(DbConnection c, ReportTally tally, string month, ResultsFilter part, long? overall, CancellationToken ct)
    {
        foreach (var a in await c.QueryAsync<CountRow>(new CommandDefinition($"""
            SELECT a.question_id AS QuestionId, a.rating AS Rating, a.not_applicable AS NotApplicable, a.choice AS Choice,
                CASE WHEN a.text IS NULL OR a.text = '' THEN 0 ELSE 1 END AS HasText, COUNT(*) AS N
            FROM sv_answers a JOIN sv_responses r ON r.id = a.response_id JOIN sv_invitations i ON i.id = r.invitation_id
            WHERE {part.ResponseConditions()}
            GROUP BY a.question_id, a.rating, a.not_applicable, a.choice, CASE WHEN a.text IS NULL OR a.text = '' THEN 0 ELSE 1 END
            """, part, cancellationToken: ct)))
            foreach (var value in SurveyRollups.Values(a.Rating, a.NotApplicable, a.Choice, a.HasText == 1))
                tally.Answer(a.QuestionId, value, a.N);
        foreach (var r in await c.QueryAsync<RawResponseRow>(new CommandDefinition($"""
            SELECT r.organisation_id AS Organisation, i.product_code AS Product, i.engineer AS Engineer, i.instructor AS Instructor,
                COUNT(*) AS N, COUNT(a.rating) AS Rated, COALESCE(SUM(a.rating), 0) AS RatingSum
            FROM sv_responses r JOIN sv_invitations i ON i.id = r.invitation_id
            LEFT JOIN sv_answers a ON a.response_id = r.id AND a.question_id = @overall
            WHERE {part.ResponseConditions()}
            GROUP BY r.organisation_id, i.product_code, i.engineer, i.instructor
            """, new { part.VersionId, part.From, part.To, part.Product, part.Organisation, overall = overall ?? 0 }, cancellationToken: ct)))
        {
            tally.Responses += r.N;
            Add(tally.Months, month, r.N, r.Rated, r.RatingSum);
            Add(tally.Products, r.Product, r.N, r.Rated, r.RatingSum);
            Add(tally.Organisations, r.Organisation.ToString(CultureInfo.InvariantCulture), r.N, r.Rated, r.RatingSum);
            Add(tally.Engineers, r.Engineer, r.N, r.Rated, r.RatingSum);
            Add(tally.Instructors, r.Instructor, r.N, r.Rated, r.RatingSum);
        }
    }

    /// <summary>Every response of the filter, oldest first, read unbuffered as the caller consumes them: memory stays flat
    /// however many there are. Ordered as ix_sv_responses_version_submitted (its rows end with the id), so SQLite walks the
    /// index and streams instead of sorting every answer of the period first.</summary>
    public async IAsyncEnumerable<ExportRow> ExportAsync(ResultsFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = c.QueryUnbufferedAsync<ExportAnswerRow>($"""
            SELECT r.id AS ResponseId, r.submitted_at AS SubmittedAt, r.channel AS Channel, r.organisation_id AS Organisation,
                i.product_code AS Product, i.engineer AS Engineer, i.instructor AS Instructor, i.subject_label AS Subject, r.header AS Header,
                a.question_id AS QuestionId, a.rating AS Rating, a.not_applicable AS NotApplicable, a.choice AS Choice, a.text AS Text, a.remark AS Remark
            FROM sv_responses r JOIN sv_invitations i ON i.id = r.invitation_id
            LEFT JOIN sv_answers a ON a.response_id = r.id
            WHERE {filter.ResponseConditions()}
            ORDER BY r.submitted_at, r.id
            """, filter);
        ExportRow? current = null;
        await foreach (var a in rows.WithCancellation(ct))
        {
            if (current is null || current.ResponseId != a.ResponseId)
            {
                if (current is not null) yield return current;
                current = new ExportRow(a.ResponseId, a.SubmittedAt, a.Channel, a.Organisation, a.Product, a.Engineer, a.Instructor, a.Subject,
                    JsonSerializer.Deserialize<List<string?>>(a.Header) ?? [], []);
            }
            if (a.QuestionId is { } q) current.Answers[q] = new GivenCell(a.Rating, a.NotApplicable ?? false, a.Choice, a.Text, a.Remark);
        }
        if (current is not null) yield return current;
    }

    private static async Task<IReadOnlyList<string>> LatestTextsAsync(DbConnection c, ResultsFilter filter, long questionId, CancellationToken ct) =>
        [.. await c.QueryAsync<string>(new CommandDefinition($"""
            SELECT a.text FROM sv_answers a JOIN sv_responses r ON r.id = a.response_id JOIN sv_invitations i ON i.id = r.invitation_id
            WHERE a.question_id = @questionId AND a.text IS NOT NULL AND a.text <> '' AND {filter.ResponseConditions()}
            ORDER BY r.submitted_at DESC, r.id DESC LIMIT {LatestTextCount}
            """, new { questionId, filter.VersionId, filter.From, filter.To, filter.Product, filter.Organisation }, cancellationToken: ct))];

    private static void Add(IDictionary<string, Tally> tallies, string key, long n, long rated, long sum)
    {
        if (!tallies.TryGetValue(key, out var t)) tallies[key] = t = new Tally();
        t.Count += n;
        t.Rated += rated;
        t.Sum += sum;
    }

    private static List<GroupResult> Groups(Dictionary<string, Tally> tallies) =>
        [.. tallies.OrderByDescending(t => t.Value.Count).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => new GroupResult(t.Key, (int)t.Value.Count, t.Value.Average))];

    private sealed class Tally
    {
        public long Count;
        public long Rated;
        public long Sum;
        public double? Average => Rated == 0 ? null : (double)Sum / Rated;
    }

    /// <summary>What the report adds up: answers by question and value, responses by month and breakdown.</summary>
    private sealed class ReportTally
    {
        public long Responses;
        public Dictionary<long, Dictionary<string, long>> Answers { get; } = [];
        public SortedDictionary<string, Tally> Months { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Tally> Products { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Tally> Organisations { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Tally> Engineers { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Tally> Instructors { get; } = new(StringComparer.Ordinal);

        public void Answer(long question, string value, long n)
        {
            if (!Answers.TryGetValue(question, out var values)) Answers[question] = values = new Dictionary<string, long>(StringComparer.Ordinal);
            values[value] = values.GetValueOrDefault(value) + n;
        }
    }

    private sealed class RollupRow
    {
        public string Month { get; set; } = "";
        public string Product { get; set; } = "";
        public string Dimension { get; set; } = "";
        public string Item { get; set; } = "";
        public long N { get; set; }
        public long Rated { get; set; }
        public long RatingSum { get; set; }
    }

    private sealed class RawResponseRow
    {
        public long Organisation { get; set; }
        public string Product { get; set; } = "";
        public string Engineer { get; set; } = "";
        public string Instructor { get; set; } = "";
        public long N { get; set; }
        public long Rated { get; set; }
        public long RatingSum { get; set; }
    }

    private sealed class CountRow
    {
        public long QuestionId { get; set; }
        public int? Rating { get; set; }
        public bool NotApplicable { get; set; }
        public int? Choice { get; set; }
        public long HasText { get; set; }
        public long N { get; set; }
    }

    private sealed class ExportAnswerRow
    {
        public long ResponseId { get; set; }
        public DateTimeOffset SubmittedAt { get; set; }
        public string Channel { get; set; } = "";
        public long Organisation { get; set; }
        public string Product { get; set; } = "";
        public string Engineer { get; set; } = "";
        public string Instructor { get; set; } = "";
        public string Subject { get; set; } = "";
        public string Header { get; set; } = "[]";
        public long? QuestionId { get; set; }
        public int? Rating { get; set; }
        public bool? NotApplicable { get; set; }
        public int? Choice { get; set; }
        public string? Text { get; set; }
        public string? Remark { get; set; }
    }
}

/// <summary>One response of the export with its answers by question id.</summary>
internal sealed record ExportRow(long ResponseId, DateTimeOffset SubmittedAt, string Channel, long Organisation, string Product,
    string Engineer, string Instructor, string Subject, IReadOnlyList<string?> Header, Dictionary<long, GivenCell> Answers);

internal sealed record GivenCell(int? Rating, bool NotApplicable, int? Choice, string? Text, string? Remark);
