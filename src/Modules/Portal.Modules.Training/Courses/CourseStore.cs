using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Training.Courses;

/// <summary>tr_courses: reading, saving (optimistic by row_version is not needed here: the last save wins,
/// each save is one UPDATE) and the content import's upsert by code.</summary>
internal sealed class CourseStore(IDb db, TimeProvider clock)
{
    private const string Columns = """
        c.id AS Id, c.code AS Code, c.title_zh AS TitleZh, c.title_en AS TitleEn, c.outline_zh AS OutlineZh, c.outline_en AS OutlineEn,
        c.product_code AS ProductCode, c.audience AS Audience, c.level AS Level, c.mode AS Mode, c.duration_hours AS DurationHours,
        c.prerequisites AS Prerequisites, c.certifies AS Certifies, c.certificate_months AS CertificateMonths, c.is_active AS IsActive,
        (SELECT COUNT(*) FROM tr_materials m WHERE m.course_id = c.id) AS MaterialCount
        """;

    public enum SaveOutcome { Saved, NotFound, CodeTaken }

    public async Task<IReadOnlyList<CourseRow>> ListAsync(bool activeOnly, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<CourseRow>(new CommandDefinition(
            $"SELECT {Columns} FROM tr_courses c {(activeOnly ? "WHERE c.is_active = @True" : "")} ORDER BY c.product_code, c.code",
            new { True = true }, cancellationToken: ct))];
    }

    public async Task<CourseRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<CourseRow>(new CommandDefinition(
            $"SELECT {Columns} FROM tr_courses c WHERE c.id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Adds (id null) or changes a course; the code stays unique.</summary>
    public async Task<(SaveOutcome Outcome, long Id)> SaveAsync(long? id, CourseInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var args = Args(input, now);
        return await db.WriteAsync(async (c, tx) =>
        {
            var other = await c.ExecuteScalarAsync<long?>("SELECT id FROM tr_courses WHERE code = @Code", args, tx);
            if (other is { } o && o != id) return (SaveOutcome.CodeTaken, 0L);
            if (id is null)
                return (SaveOutcome.Saved, await c.ExecuteScalarAsync<long>(InsertSql, args, tx));
            var changed = await c.ExecuteAsync(UpdateSql + " WHERE id = @id", Merge(args, id.Value), tx);
            return changed == 0 ? (SaveOutcome.NotFound, 0L) : (SaveOutcome.Saved, id.Value);
        }, ct);
    }

    /// <summary>The import's upsert: a course matched by code is updated only when something changed.</summary>
    public async Task<(int Added, int Updated)> ImportAsync(IReadOnlyList<CourseInput> courses, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.WriteAsync(async (c, tx) =>
        {
            int added = 0, updated = 0;
            foreach (var input in courses)
            {
                var args = Args(input, now);
                var existing = await c.QuerySingleOrDefaultAsync<CourseRow>($"SELECT {Columns} FROM tr_courses c WHERE c.code = @Code", args, tx);
                if (existing is null)
                {
                    await c.ExecuteScalarAsync<long>(InsertSql, args, tx);
                    added++;
                }
                else if (!Same(existing, input))
                {
                    await c.ExecuteAsync(UpdateSql + " WHERE id = @id", Merge(args, existing.Id), tx);
                    updated++;
                }
            }
            return (added, updated);
        }, ct);
    }

    private const string InsertSql = """
        INSERT INTO tr_courses (code, title_zh, title_en, outline_zh, outline_en, product_code, audience, level, mode, duration_hours,
            prerequisites, certifies, certificate_months, is_active, created_at, updated_at)
        VALUES (@Code, @TitleZh, @TitleEn, @OutlineZh, @OutlineEn, @ProductCode, @Audience, @Level, @Mode, @DurationHours,
            @Prerequisites, @Certifies, @CertificateMonths, @IsActive, @Now, @Now)
        RETURNING id
        """;

    private const string UpdateSql = """
        UPDATE tr_courses SET code = @Code, title_zh = @TitleZh, title_en = @TitleEn, outline_zh = @OutlineZh, outline_en = @OutlineEn,
            product_code = @ProductCode, audience = @Audience, level = @Level, mode = @Mode, duration_hours = @DurationHours,
            prerequisites = @Prerequisites, certifies = @Certifies, certificate_months = @CertificateMonths, is_active = @IsActive,
            row_version = row_version + 1, updated_at = @Now
        """;

    private static DynamicParameters Args(CourseInput i, DateTimeOffset now)
    {
        var p = new DynamicParameters();
        p.Add("Code", i.Code!.Trim());
        p.Add("TitleZh", i.TitleZh!.Trim());
        p.Add("TitleEn", i.TitleEn!.Trim());
        p.Add("OutlineZh", i.OutlineZh?.Trim() ?? "");
        p.Add("OutlineEn", i.OutlineEn?.Trim() ?? "");
        p.Add("ProductCode", i.ProductCode!.Trim());
        p.Add("Audience", i.Audience);
        p.Add("Level", i.Level);
        p.Add("Mode", i.Mode);
        p.Add("DurationHours", i.DurationHours!.Value);
        p.Add("Prerequisites", i.Prerequisites?.Trim() ?? "");
        p.Add("Certifies", i.Certifies);
        p.Add("CertificateMonths", i.CertificateMonths ?? 24);
        p.Add("IsActive", i.IsActive);
        p.Add("Now", now);
        return p;
    }

    private static DynamicParameters Merge(DynamicParameters p, long id)
    {
        p.Add("id", id);
        return p;
    }

    private static bool Same(CourseRow r, CourseInput i) =>
        r.TitleZh == i.TitleZh!.Trim() && r.TitleEn == i.TitleEn!.Trim() && r.OutlineZh == (i.OutlineZh?.Trim() ?? "")
        && r.OutlineEn == (i.OutlineEn?.Trim() ?? "") && r.ProductCode == i.ProductCode!.Trim() && r.Audience == i.Audience
        && r.Level == i.Level && r.Mode == i.Mode && r.DurationHours == i.DurationHours && r.Prerequisites == (i.Prerequisites?.Trim() ?? "")
        && r.Certifies == i.Certifies && r.CertificateMonths == (i.CertificateMonths ?? 24) && r.IsActive == i.IsActive;
}
