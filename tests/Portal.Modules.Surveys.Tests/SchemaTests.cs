using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Surveys.Tests;

public sealed class SchemaTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AVersionNumberIsUniquePerTemplateAndAQuestionHasAKnownKind(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = await TestServices.BuildAsync(database, (s, _) => s.AddSurveysModule());
        var db = services.GetRequiredService<IDb>();
        var now = DateTimeOffset.UtcNow;
        var template = await db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO sv_templates (code, purpose, created_at, updated_at) VALUES ('yearly', 'general', @now, @now) RETURNING id
            """, new { now }, tx));
        Task<long> Version(int number) => db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO sv_template_versions (template_id, version, title_zh, title_en, created_at) VALUES (@template, @number, '调查', 'Survey', @now) RETURNING id
            """, new { template, number, now }, tx));
        var first = await Version(1);
        await Version(2);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Version(2));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO sv_templates (code, purpose, created_at, updated_at) VALUES ('other', 'campaign', @now, @now)
            """, new { now }, tx)));

        var section = await db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO sv_sections (version_id, position, title_zh, title_en) VALUES (@first, 1, '总体', 'Overall') RETURNING id
            """, new { first }, tx));
        Task Question(string kind, int position) => db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO sv_questions (version_id, section_id, position, kind, text_zh, text_en, required, allow_remark)
            VALUES (@first, @section, @position, @kind, '满意吗', 'Satisfied?', @yes, @no)
            """, new { first, section, position, kind, yes = true, no = false }, tx));
        await Question("rating", 1);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Question("scale", 2));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Question("text", 1));
        await using var read = await db.OpenAsync();
        Assert.Equal(1, await read.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sv_questions"));
        Assert.Equal(2, await read.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sv_template_versions"));
    }
}
