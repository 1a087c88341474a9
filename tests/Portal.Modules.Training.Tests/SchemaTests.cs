using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Training.Tests;

public sealed class SchemaTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ASessionMustEndAfterItStartsAndHoldAtLeastOneTrainee(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = await TestServices.BuildAsync(database, (s, _) => s.AddTrainingModule());
        var db = services.GetRequiredService<IDb>();
        var now = DateTimeOffset.UtcNow;
        var course = await db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO tr_courses (code, title_zh, title_en, product_code, audience, level, mode, duration_hours, created_at, updated_at)
            VALUES ('KMS-ADMIN-1', 'KMS 系统管理员基础培训', 'KMS administrators: basics', 'KMS', 'administrator', 'basic', 'central', 16, @now, @now)
            RETURNING id
            """, new { now }, tx));

        Task Session(DateTimeOffset start, DateTimeOffset end, int capacity) => db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO tr_sessions (course_id, starts_at, ends_at, capacity, enroll_until, created_at, updated_at)
            VALUES (@course, @start, @end, @capacity, @start, @now, @now)
            """, new { course, start, end, capacity, now }, tx));

        await Session(now.AddDays(30), now.AddDays(31), 10);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Session(now.AddDays(30), now.AddDays(29), 10));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Session(now.AddDays(30), now.AddDays(31), 0));
        await using var read = await db.OpenAsync();
        Assert.Equal(1, await read.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tr_sessions"));
    }
}
