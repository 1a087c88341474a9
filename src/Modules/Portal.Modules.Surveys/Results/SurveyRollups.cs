using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Portal.Web.Formatting;

namespace Portal.Modules.Surveys.Results;

/// <summary>sv_answer_counts and sv_response_counts (see migration 0007): what one response adds to them, kept in the
/// transaction that stores it, and the whole tables rebuilt from the raw rows.</summary>
internal static class SurveyRollups
{
    /// <summary>The organisation_id of the counts over all organisations.</summary>
    public const long AllOrganisations = 0;

    /// <summary>'yyyy-MM' of an instant in the vendor's time zone.</summary>
    public static string Month(DisplayTime time, DateTimeOffset at) => time.Local(at).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The instant the vendor's month of <paramref name="local"/> begins.</summary>
    public static DateTimeOffset MonthStart(DisplayTime time, DateTime local)
    {
        var midnight = new DateTime(local.Year, local.Month, 1);
        return new DateTimeOffset(midnight, time.Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>The values an answer counts under (several when it has e.g. both a rating and a text).</summary>
    public static IEnumerable<string> Values(int? rating, bool notApplicable, int? choice, bool hasText)
    {
        if (rating is >= 1 and <= 5) yield return rating.Value.ToString(CultureInfo.InvariantCulture);
        if (notApplicable) yield return "na";
        if (choice is { } k) yield return "c" + k.ToString(CultureInfo.InvariantCulture);
        if (hasText) yield return "text";
    }

    /// <summary>Counts response <paramref name="responseId"/> (already inserted with its answers) in the same transaction.</summary>
    public static async Task AddResponseAsync(DbConnection c, DbTransaction tx, DisplayTime time, long responseId)
    {
        var r = await c.QuerySingleAsync<ResponseKey>("""
            SELECT r.template_version_id AS VersionId, r.organisation_id AS Organisation, r.submitted_at AS SubmittedAt,
                i.product_code AS Product, i.engineer AS Engineer, i.instructor AS Instructor
            FROM sv_responses r JOIN sv_invitations i ON i.id = r.invitation_id WHERE r.id = @responseId
            """, new { responseId }, tx);
        var overall = await c.QuerySingleOrDefaultAsync<long?>("""
            SELECT q.id FROM sv_questions q JOIN sv_sections s ON s.id = q.section_id
            WHERE q.version_id = @VersionId AND q.kind = 'rating' ORDER BY s.position DESC, q.position DESC LIMIT 1
            """, new { r.VersionId }, tx);
        var answers = (await c.QueryAsync<AnswerKey>("""
            SELECT question_id AS QuestionId, rating AS Rating, not_applicable AS NotApplicable, choice AS Choice,
                CASE WHEN text IS NULL OR text = '' THEN 0 ELSE 1 END AS HasText
            FROM sv_answers WHERE response_id = @responseId
            """, new { responseId }, tx)).ToList();
        var month = Month(time, r.SubmittedAt);
        var rating = answers.FirstOrDefault(a => a.QuestionId == overall)?.Rating;
        var answerRows = new List<AnswerCount>();
        var responseRows = new List<ResponseCount>();
        foreach (var org in new[] { r.Organisation, AllOrganisations })
        {
            foreach (var a in answers)
                foreach (var value in Values(a.Rating, a.NotApplicable, a.Choice, a.HasText == 1))
                    answerRows.Add(new AnswerCount(r.VersionId, org, month, r.Product, a.QuestionId, value, 1));
            responseRows.Add(Response(r.VersionId, org, month, r.Product, "engineer", r.Engineer, rating));
            responseRows.Add(Response(r.VersionId, org, month, r.Product, "instructor", r.Instructor, rating));
        }
        responseRows.Add(Response(r.VersionId, AllOrganisations, month, r.Product, "organisation",
            r.Organisation.ToString(CultureInfo.InvariantCulture), rating));
        await InsertAsync(c, tx, answerRows, responseRows, upsert: true);
    }

    /// <summary>Empties both tables and counts every response again, in C# (the vendor's month of each response).</summary>
    public static async Task RebuildAsync(DbConnection c, DbTransaction tx, DisplayTime time, CancellationToken ct)
    {
        await c.ExecuteAsync("DELETE FROM sv_answer_counts", transaction: tx);
        await c.ExecuteAsync("DELETE FROM sv_response_counts", transaction: tx);
        var overall = new Dictionary<long, long>();
        foreach (var (version, question) in await c.QueryAsync<(long, long)>("""
            SELECT q.version_id, q.id FROM sv_questions q JOIN sv_sections s ON s.id = q.section_id
            WHERE q.kind = 'rating' ORDER BY q.version_id, s.position, q.position
            """, transaction: tx))
            overall[version] = question;
        var responses = new Dictionary<long, (ResponseKey Key, string Month, int? Rating)>();
        await foreach (var r in c.QueryUnbufferedAsync<ResponseKey>("""
            SELECT r.id AS Id, r.template_version_id AS VersionId, r.organisation_id AS Organisation, r.submitted_at AS SubmittedAt,
                i.product_code AS Product, i.engineer AS Engineer, i.instructor AS Instructor
            FROM sv_responses r JOIN sv_invitations i ON i.id = r.invitation_id
            """, transaction: tx).WithCancellation(ct))
            responses[r.Id] = (r, Month(time, r.SubmittedAt), null);

        var answerCounts = new Dictionary<(long, long, string, string, long, string), long>();
        await foreach (var a in c.QueryUnbufferedAsync<AnswerKey>("""
            SELECT response_id AS ResponseId, question_id AS QuestionId, rating AS Rating, not_applicable AS NotApplicable, choice AS Choice,
                CASE WHEN text IS NULL OR text = '' THEN 0 ELSE 1 END AS HasText
            FROM sv_answers
            """, transaction: tx).WithCancellation(ct))
        {
            if (!responses.TryGetValue(a.ResponseId, out var r)) continue;
            if (overall.TryGetValue(r.Key.VersionId, out var o) && o == a.QuestionId && a.Rating is not null)
                responses[a.ResponseId] = r with { Rating = a.Rating };
            foreach (var value in Values(a.Rating, a.NotApplicable, a.Choice, a.HasText == 1))
            {
                foreach (var org in new[] { r.Key.Organisation, AllOrganisations })
                {
                    var key = (r.Key.VersionId, org, r.Month, r.Key.Product, a.QuestionId, value);
                    answerCounts[key] = answerCounts.GetValueOrDefault(key) + 1;
                }
            }
        }

        var responseCounts = new Dictionary<(long, long, string, string, string, string), (long N, long Rated, long Sum)>();
        void Count(long version, long org, string month, string product, string dimension, string item, int? rating)
        {
            var key = (version, org, month, product, dimension, item);
            var t = responseCounts.GetValueOrDefault(key);
            responseCounts[key] = (t.N + 1, t.Rated + (rating is null ? 0 : 1), t.Sum + (rating ?? 0));
        }
        foreach (var (r, month, rating) in responses.Values)
        {
            foreach (var org in new[] { r.Organisation, AllOrganisations })
            {
                Count(r.VersionId, org, month, r.Product, "engineer", r.Engineer, rating);
                Count(r.VersionId, org, month, r.Product, "instructor", r.Instructor, rating);
            }
            Count(r.VersionId, AllOrganisations, month, r.Product, "organisation", r.Organisation.ToString(CultureInfo.InvariantCulture), rating);
        }
        await InsertAsync(c, tx,
            [.. answerCounts.Select(x => new AnswerCount(x.Key.Item1, x.Key.Item2, x.Key.Item3, x.Key.Item4, x.Key.Item5, x.Key.Item6, x.Value))],
            [.. responseCounts.Select(x => new ResponseCount(x.Key.Item1, x.Key.Item2, x.Key.Item3, x.Key.Item4, x.Key.Item5, x.Key.Item6,
                x.Value.N, x.Value.Rated, x.Value.Sum))],
            upsert: false);
    }

    private static ResponseCount Response(long version, long org, string month, string product, string dimension, string item, int? rating) =>
        new(version, org, month, product, dimension, item, 1, rating is null ? 0 : 1, rating ?? 0);

    /// <summary>Multi-row INSERTs (a few hundred rows each); with <paramref name="upsert"/> adding to existing counts.</summary>
    private static async Task InsertAsync(DbConnection c, DbTransaction tx, List<AnswerCount> answers, List<ResponseCount> responses, bool upsert)
    {
        const string answerColumns = "template_version_id, organisation_id, month, product_code, question_id, value";
        await InsertRowsAsync(c, tx, "sv_answer_counts", answerColumns + ", n",
            upsert ? $" ON CONFLICT ({answerColumns}) DO UPDATE SET n = sv_answer_counts.n + excluded.n" : "",
            answers, a => [a.VersionId, a.Organisation, a.Month, a.Product, a.QuestionId, a.Value, a.N]);
        const string responseColumns = "template_version_id, organisation_id, month, product_code, dimension, item";
        await InsertRowsAsync(c, tx, "sv_response_counts", responseColumns + ", n, rated, rating_sum",
            upsert ? $" ON CONFLICT ({responseColumns}) DO UPDATE SET n = sv_response_counts.n + excluded.n, rated = sv_response_counts.rated + excluded.rated, rating_sum = sv_response_counts.rating_sum + excluded.rating_sum" : "",
            responses, r => [r.VersionId, r.Organisation, r.Month, r.Product, r.Dimension, r.Item, r.N, r.Rated, r.Sum]);
    }

    /// <summary>SQLite: one prepared single-row INSERT run per row (its parameter binding grows with the square of a
    /// statement's parameters); PostgreSQL: 500 rows a statement (one round trip each).</summary>
    private static async Task InsertRowsAsync<T>(DbConnection c, DbTransaction tx, string table, string columns, string conflict,
        List<T> rows, Func<T, object[]> values)
    {
        var batch = c is Microsoft.Data.Sqlite.SqliteConnection ? 1 : 500;
        var width = columns.Split(',').Length;
        DbCommand? command = null;
        try
        {
            for (var start = 0; start < rows.Count; start += batch)
            {
                var count = Math.Min(batch, rows.Count - start);
                if (command is null || command.Parameters.Count != count * width)
                {
                    if (command is not null) await command.DisposeAsync();
                    command = Command(c, tx, table, columns, conflict, count, width);
                }
                for (var i = 0; i < count; i++)
                {
                    var row = values(rows[start + i]);
                    for (var j = 0; j < width; j++) command.Parameters[i * width + j].Value = row[j];
                }
                await command.ExecuteNonQueryAsync();
            }
        }
        finally
        {
            if (command is not null) await command.DisposeAsync();
        }
    }

    private static DbCommand Command(DbConnection c, DbTransaction tx, string table, string columns, string conflict, int count, int width)
    {
        var command = c.CreateCommand();
        command.Transaction = tx;
        var sql = new StringBuilder($"INSERT INTO {table} ({columns}) VALUES ");
        for (var i = 0; i < count; i++)
        {
            sql.Append(i == 0 ? "(" : ", (");
            for (var j = 0; j < width; j++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{i}_{j}");
                sql.Append(j == 0 ? name : ", " + name);
                var p = command.CreateParameter();
                p.ParameterName = name;
                command.Parameters.Add(p);
            }
            sql.Append(')');
        }
        command.CommandText = sql.Append(conflict).ToString();
        return command;
    }

    private sealed class ResponseKey
    {
        public long Id { get; set; }
        public long VersionId { get; set; }
        public long Organisation { get; set; }
        public DateTimeOffset SubmittedAt { get; set; }
        public string Product { get; set; } = "";
        public string Engineer { get; set; } = "";
        public string Instructor { get; set; } = "";
    }

    private sealed class AnswerKey
    {
        public long ResponseId { get; set; }
        public long QuestionId { get; set; }
        public int? Rating { get; set; }
        public bool NotApplicable { get; set; }
        public int? Choice { get; set; }
        public long HasText { get; set; }
    }

    private sealed record AnswerCount(long VersionId, long Organisation, string Month, string Product, long QuestionId, string Value, long N);

    private sealed record ResponseCount(long VersionId, long Organisation, string Month, string Product, string Dimension, string Item,
        long N, long Rated, long Sum);
}
