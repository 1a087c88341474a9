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

    public async Task<ResultsReport> ReportAsync(TemplateVersion version, ResultsFilter filter, CancellationToken ct)
    {
        var questions = version.Content.Sections.SelectMany(s => s.Questions).ToList();
        var overall = questions.LastOrDefault(q => q.Kind == QuestionKinds.Rating)?.Id;
        await using var c = await db.OpenAsync(ct);
        var invited = await c.QuerySingleAsync<(long Invited, long Answered)>(new CommandDefinition($"""
            SELECT COUNT(*), COUNT(i.answered_at) FROM sv_invitations i WHERE {filter.InvitationConditions()}
            """, filter, cancellationToken: ct));

        var counts = (await c.QueryAsync<CountRow>(new CommandDefinition($"""
            SELECT a.question_id AS QuestionId, a.rating AS Rating, a.not_applicable AS NotApplicable, a.choice AS Choice,
                CASE WHEN a.text IS NULL OR a.text = '' THEN 0 ELSE 1 END AS HasText, COUNT(*) AS N
            FROM sv_answers a JOIN sv_responses r ON r.id = a.response_id JOIN sv_invitations i ON i.id = r.invitation_id
            WHERE {filter.ResponseConditions()}
            GROUP BY a.question_id, a.rating, a.not_applicable, a.choice, CASE WHEN a.text IS NULL OR a.text = '' THEN 0 ELSE 1 END
            """, filter, cancellationToken: ct))).ToLookup(r => r.QuestionId);

        var results = new List<QuestionResult>();
        foreach (var q in questions)
        {
            var rows = counts[q.Id].ToList();
            var distribution = new int[5];
            foreach (var r in rows.Where(r => r.Rating is >= 1 and <= 5)) distribution[r.Rating!.Value - 1] += (int)r.N;
            var notApplicable = (int)rows.Where(r => r.NotApplicable).Sum(r => r.N);
            var rated = distribution.Sum();
            double? average = rated == 0 ? null : distribution.Select((n, i) => (double)n * (i + 1)).Sum() / rated;
            var choiceCounts = new int[q.Choices.Count];
            foreach (var r in rows.Where(r => r.Choice is { } k && k >= 1 && k <= choiceCounts.Length)) choiceCounts[r.Choice!.Value - 1] += (int)r.N;
            var texts = (int)rows.Where(r => r.HasText == 1).Sum(r => r.N);
            var latest = q.Kind == QuestionKinds.Text && texts > 0 ? await LatestTextsAsync(c, filter, q.Id, ct) : [];
            var answered = q.Kind switch
            {
                QuestionKinds.Rating => rated,
                QuestionKinds.Choice => choiceCounts.Sum(),
                _ => texts,
            };
            results.Add(new QuestionResult(q.Id, q.Kind ?? "", answered, notApplicable, average, distribution, choiceCounts, latest));
        }

        // One pass over the period's responses (with the overall rating) gives the month trend and every breakdown.
        var months = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var products = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var organisations = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var engineers = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var instructors = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var responses = 0;
        var firstMonth = time.Local(filter.From);
        for (var m = new DateTime(firstMonth.Year, firstMonth.Month, 1); m < time.Local(filter.To).DateTime; m = m.AddMonths(1))
            months[m.ToString("yyyy-MM", CultureInfo.InvariantCulture)] = new Tally();
        var perResponse = c.QueryUnbufferedAsync<ResponseRow>($"""
            SELECT r.submitted_at AS SubmittedAt, r.organisation_id AS Organisation, i.product_code AS Product, i.engineer AS Engineer,
                i.instructor AS Instructor, a.rating AS Rating
            FROM sv_responses r JOIN sv_invitations i ON i.id = r.invitation_id
            LEFT JOIN sv_answers a ON a.response_id = r.id AND a.question_id = @overall
            WHERE {filter.ResponseConditions()}
            """, new { filter.VersionId, filter.From, filter.To, filter.Product, filter.Organisation, overall = overall ?? 0 });
        await foreach (var r in perResponse.WithCancellation(ct))
        {
            responses++;
            var month = time.Local(r.SubmittedAt).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            Add(months, month, r.Rating);
            Add(products, r.Product, r.Rating);
            Add(organisations, r.Organisation.ToString(CultureInfo.InvariantCulture), r.Rating);
            Add(engineers, r.Engineer, r.Rating);
            Add(instructors, r.Instructor, r.Rating);
        }
        return new ResultsReport((int)invited.Invited, (int)invited.Answered, responses, results, overall,
            [.. months.Select(m => new MonthPoint(m.Key, m.Value.Count, m.Value.Average))],
            Groups(products), Groups(organisations), Groups(engineers), Groups(instructors));
    }

    /// <summary>Every response of the filter, oldest first, read unbuffered as the caller consumes them: memory stays flat
    /// however many there are.</summary>
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
            ORDER BY r.id
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

    private static void Add(IDictionary<string, Tally> tallies, string key, int? rating)
    {
        if (!tallies.TryGetValue(key, out var t)) tallies[key] = t = new Tally();
        t.Count++;
        if (rating is { } r) { t.Rated++; t.Sum += r; }
    }

    private static List<GroupResult> Groups(Dictionary<string, Tally> tallies) =>
        [.. tallies.OrderByDescending(t => t.Value.Count).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => new GroupResult(t.Key, t.Value.Count, t.Value.Average))];

    private sealed class Tally
    {
        public int Count;
        public int Rated;
        public long Sum;
        public double? Average => Rated == 0 ? null : (double)Sum / Rated;
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

    private sealed class ResponseRow
    {
        public DateTimeOffset SubmittedAt { get; set; }
        public long Organisation { get; set; }
        public string Product { get; set; } = "";
        public string Engineer { get; set; } = "";
        public string Instructor { get; set; } = "";
        public int? Rating { get; set; }
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
