using System.Data.Common;
using System.Text.Json;
using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Surveys.SurveyTemplates;

/// <summary>sv_templates and their versions. A version is written once and never changed: every change of
/// a template — saved by staff or a changed content file — adds the next version (<see cref="AddVersionAsync"/>),
/// so answers always refer to the exact questions they were given.</summary>
internal sealed class TemplateStore(IDb db, TimeProvider clock)
{
    public enum ImportOutcome { Added, NewVersion, PurposeChanged, Unchanged }

    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<SummaryRow>(new CommandDefinition("""
            SELECT t.id AS Id, t.code AS Code, t.purpose AS Purpose, v.title_zh AS TitleZh, v.title_en AS TitleEn, v.version AS Version,
                (SELECT COUNT(*) FROM sv_questions q WHERE q.version_id = v.id) AS Questions
            FROM sv_templates t
            JOIN sv_template_versions v ON v.template_id = t.id
                AND v.version = (SELECT MAX(l.version) FROM sv_template_versions l WHERE l.template_id = t.id)
            ORDER BY t.code
            """, cancellationToken: ct));
        return [.. rows.Select(r => new TemplateSummary(r.Id, r.Code, r.Purpose, r.TitleZh, r.TitleEn, (int)r.Version, (int)r.Questions))];
    }

    /// <summary>The version <paramref name="number"/> of a template, or its current one when null.</summary>
    public async Task<TemplateVersion?> FindAsync(long templateId, int? number, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await LoadAsync(c, null, templateId, number);
    }

    /// <summary>Stores <paramref name="content"/> (normalized and checked) as the template's next version.
    /// Returns the new version number, or null when the template does not exist.</summary>
    public Task<int?> AddVersionAsync(long templateId, TemplateContent content, long? userId, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long?>("SELECT id FROM sv_templates WHERE id = @templateId", new { templateId }, tx) is null) return (int?)null;
            return await InsertVersionAsync(c, tx, templateId, content, userId);
        }, ct);

    /// <summary>The content import: a new code adds the template (version 1); a changed content adds a version;
    /// the same content changes nothing.</summary>
    public Task<ImportOutcome> ImportAsync(string code, string purpose, TemplateContent content, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var id = await c.ExecuteScalarAsync<long?>("SELECT id FROM sv_templates WHERE code = @code", new { code }, tx);
            if (id is null)
            {
                var added = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO sv_templates (code, purpose, created_at, updated_at) VALUES (@code, @purpose, @now, @now) RETURNING id
                    """, new { code, purpose, now }, tx);
                await InsertVersionAsync(c, tx, added, content, null);
                return ImportOutcome.Added;
            }
            var current = await LoadAsync(c, tx, id.Value, null);
            var samePurpose = current?.Purpose == purpose;
            if (!samePurpose)
                await c.ExecuteAsync("UPDATE sv_templates SET purpose = @purpose, updated_at = @now WHERE id = @id", new { purpose, now, id }, tx);
            if (current is not null && current.Content.Fingerprint() == content.Fingerprint())
                return samePurpose ? ImportOutcome.Unchanged : ImportOutcome.PurposeChanged;
            await InsertVersionAsync(c, tx, id.Value, content, null);
            return ImportOutcome.NewVersion;
        }, ct);

    private async Task<int> InsertVersionAsync(DbConnection c, DbTransaction tx, long templateId, TemplateContent content, long? userId)
    {
        var now = clock.GetUtcNow();
        var number = await c.ExecuteScalarAsync<int>("SELECT COALESCE(MAX(version), 0) + 1 FROM sv_template_versions WHERE template_id = @templateId", new { templateId }, tx);
        var header = JsonSerializer.Serialize(content.HeaderFields.Select(h => new { zh = h.Zh, en = h.En }));
        var versionId = await c.ExecuteScalarAsync<long>("""
            INSERT INTO sv_template_versions (template_id, version, title_zh, title_en, intro_zh, intro_en, header_fields, created_by, created_at)
            VALUES (@templateId, @number, @TitleZh, @TitleEn, @IntroZh, @IntroEn, @header, @userId, @now) RETURNING id
            """, new { templateId, number, content.TitleZh, content.TitleEn, IntroZh = content.IntroZh ?? "", IntroEn = content.IntroEn ?? "", header, userId, now }, tx);
        var sectionPosition = 0;
        foreach (var s in content.Sections)
        {
            var sectionId = await c.ExecuteScalarAsync<long>("""
                INSERT INTO sv_sections (version_id, position, title_zh, title_en) VALUES (@versionId, @position, @TitleZh, @TitleEn) RETURNING id
                """, new { versionId, position = ++sectionPosition, s.TitleZh, s.TitleEn }, tx);
            var questionPosition = 0;
            foreach (var q in s.Questions)
            {
                var questionId = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO sv_questions (version_id, section_id, position, kind, text_zh, text_en, required, allow_remark)
                    VALUES (@versionId, @sectionId, @position, @Kind, @TextZh, @TextEn, @Required, @AllowRemark) RETURNING id
                    """, new { versionId, sectionId, position = ++questionPosition, q.Kind, q.TextZh, q.TextEn, q.Required, q.AllowRemark }, tx);
                var choicePosition = 0;
                foreach (var ch in q.Choices)
                    await c.ExecuteAsync("""
                        INSERT INTO sv_choices (question_id, position, text_zh, text_en) VALUES (@questionId, @position, @Zh, @En)
                        """, new { questionId, position = ++choicePosition, ch.Zh, ch.En }, tx);
            }
        }
        await c.ExecuteAsync("UPDATE sv_templates SET updated_at = @now WHERE id = @templateId", new { now, templateId }, tx);
        return number;
    }

    private static async Task<TemplateVersion?> LoadAsync(DbConnection c, DbTransaction? tx, long templateId, int? number)
    {
        var numbers = (await c.QueryAsync<int>("SELECT version FROM sv_template_versions WHERE template_id = @templateId ORDER BY version",
            new { templateId }, tx)).ToList();
        if (numbers.Count == 0) return null;
        var wanted = number ?? numbers[^1];
        var v = await c.QuerySingleOrDefaultAsync<VersionRow>("""
            SELECT v.id AS Id, t.code AS Code, t.purpose AS Purpose, v.version AS Version, v.title_zh AS TitleZh, v.title_en AS TitleEn,
                v.intro_zh AS IntroZh, v.intro_en AS IntroEn, v.header_fields AS HeaderFields, v.created_at AS CreatedAt
            FROM sv_template_versions v JOIN sv_templates t ON t.id = v.template_id
            WHERE v.template_id = @templateId AND v.version = @wanted
            """, new { templateId, wanted }, tx);
        if (v is null) return null;
        var sections = (await c.QueryAsync<SectionContent>("""
            SELECT id AS Id, position AS Position, title_zh AS TitleZh, title_en AS TitleEn FROM sv_sections WHERE version_id = @Id ORDER BY position
            """, new { v.Id }, tx)).ToList();
        var questions = (await c.QueryAsync<QuestionRow>("""
            SELECT id AS Id, section_id AS SectionId, position AS Position, kind AS Kind, text_zh AS TextZh, text_en AS TextEn,
                required AS Required, allow_remark AS AllowRemark
            FROM sv_questions WHERE version_id = @Id ORDER BY position
            """, new { v.Id }, tx)).ToList();
        var choices = (await c.QueryAsync<ChoiceRow>("""
            SELECT ch.question_id AS QuestionId, ch.text_zh AS Zh, ch.text_en AS En
            FROM sv_choices ch JOIN sv_questions q ON q.id = ch.question_id WHERE q.version_id = @Id ORDER BY ch.question_id, ch.position
            """, new { v.Id }, tx)).ToLookup(ch => ch.QuestionId);
        foreach (var s in sections)
            s.Questions = [.. questions.Where(q => q.SectionId == s.Id).Select(q => new QuestionContent
            {
                Id = q.Id, Position = q.Position, Kind = q.Kind, TextZh = q.TextZh, TextEn = q.TextEn, Required = q.Required, AllowRemark = q.AllowRemark,
                Choices = [.. choices[q.Id].Select(ch => new BilingualText { Zh = ch.Zh, En = ch.En })],
            })];
        var content = new TemplateContent
        {
            TitleZh = v.TitleZh, TitleEn = v.TitleEn, IntroZh = v.IntroZh, IntroEn = v.IntroEn,
            HeaderFields = JsonSerializer.Deserialize<List<BilingualText>>(v.HeaderFields, JsonOptions) ?? [],
            Sections = sections,
        };
        return new TemplateVersion(v.Id, templateId, v.Code, v.Purpose, (int)v.Version, v.CreatedAt, content, numbers);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed class SummaryRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Purpose { get; set; } = "";
        public string TitleZh { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public long Version { get; set; }
        public long Questions { get; set; }
    }

    private sealed class VersionRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Purpose { get; set; } = "";
        public long Version { get; set; }
        public string TitleZh { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public string IntroZh { get; set; } = "";
        public string IntroEn { get; set; } = "";
        public string HeaderFields { get; set; } = "[]";
        public DateTimeOffset CreatedAt { get; set; }
    }

    private sealed class QuestionRow
    {
        public long Id { get; set; }
        public long SectionId { get; set; }
        public int Position { get; set; }
        public string Kind { get; set; } = "";
        public string TextZh { get; set; } = "";
        public string TextEn { get; set; } = "";
        public bool Required { get; set; }
        public bool AllowRemark { get; set; }
    }

    private sealed class ChoiceRow
    {
        public long QuestionId { get; set; }
        public string Zh { get; set; } = "";
        public string En { get; set; } = "";
    }
}
