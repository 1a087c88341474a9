using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Notifications.Contracts;
using Portal.Modules.Training.Enrollments;
using Portal.Testing;

namespace Portal.Modules.Training.Tests;

/// <summary>The whole portal on a test database with no shipped content; courses, sessions and
/// service periods are written straight to the tables.</summary>
internal sealed class EnrollmentKit : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private int users;

    private EnrollmentKit(PortalWebApp app) => App = app;

    public PortalWebApp App { get; }

    public IDb Db => App.Services.GetRequiredService<IDb>();

    public static async Task<EnrollmentKit> StartAsync(string provider)
    {
        var empty = Path.Combine(Path.GetTempPath(), "portal-tests", "no-content-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        return new EnrollmentKit(await PortalWebApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Portal:ContentPath"] = empty,
            ["Portal:BaseUrl"] = "https://portal.example",
            ["Outbox:PollInterval"] = "01:00:00",
        }));
    }

    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    public async Task<long> SessionAsync(int capacity = 10, int startsInDays = 30, int? deadlineInDays = null, string status = "scheduled", int sequence = 3)
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Date.AddDays(startsInDays), TimeSpan.Zero).AddHours(1); // 09:00 in Shanghai
        return await Db.WriteAsync(async (c, tx) =>
        {
            var code = "C-" + Guid.NewGuid().ToString("N")[..8];
            var course = await c.ExecuteScalarAsync<long>("""
                INSERT INTO tr_courses (code, title_zh, title_en, product_code, audience, level, mode, duration_hours, created_at, updated_at)
                VALUES (@code, 'KMS 系统管理员基础培训', 'KMS administrators: basics', 'KMS', 'administrator', 'basic', 'central', 16, @now, @now)
                RETURNING id
                """, new { code, now }, tx);
            return await c.ExecuteScalarAsync<long>("""
                INSERT INTO tr_sessions (course_id, starts_at, ends_at, place, capacity, enroll_until, status, sequence, created_at, updated_at)
                VALUES (@course, @start, @end, '北京培训中心 301', @capacity, @until, @status, @sequence, @now, @now) RETURNING id
                """, new { course, start, end = start.AddHours(8), capacity, until = now.AddDays(deadlineInDays ?? startsInDays - 1), status, sequence, now }, tx);
        });
    }

    /// <summary>An organisation; with <paramref name="trainingsPerYear"/> set, a service period covering today
    /// that started <paramref name="startedDaysAgo"/> days ago and runs 36 months.</summary>
    public async Task<long> OrganisationAsync(string code, int? trainingsPerYear = 2, int startedDaysAgo = 10)
    {
        var organisation = await App.CreateOrganisationAsync(code, code + " Ltd");
        if (trainingsPerYear is { } n)
        {
            var product = await CatalogRows.ProductAsync(Db, "KMS-" + code, "8.5.2");
            var startsOn = Today.AddDays(-startedDaysAgo);
            await Db.WriteAsync((c, tx) => c.ExecuteAsync("""
                INSERT INTO sc_contracts (organisation_id, product_id, kind, service_level, starts_on, months, ends_on, major_upgrades,
                    trainings_per_year, created_at, updated_at)
                VALUES (@organisation, @product, 'paid', 'standard', @startsOn, 36, @endsOn, @False, @n, @Now, @Now)
                """, new { organisation, product, startsOn, endsOn = startsOn.AddMonths(36).AddDays(-1), False = false, n, Now = DateTimeOffset.UtcNow }, tx));
        }
        return organisation;
    }

    public async Task<OrganisationContact> ContactAsync(long organisation, bool admin = false, string language = "zh-CN")
    {
        var email = $"trainee{Interlocked.Increment(ref users)}-{organisation}@customer.example";
        var user = await App.CreateUserAsync(email, Password, PortalRoles.Customer, organisation, language: language);
        if (admin) await Db.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE acc_users SET is_org_admin = @True WHERE id = @Id", new { True = true, user.Id }, tx));
        return new OrganisationContact(user.Id, email, user.DisplayName, language);
    }

    public async Task<T> WithWorkflowAsync<T>(Func<EnrollmentWorkflow, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EnrollmentWorkflow>());
    }

    public async Task<T> SendAsync<T>(MediatR.IRequest<T> request)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(request);
    }

    public Task<EnrollOutcome> EnrollAsync(long session, long organisation, OrganisationContact trainee) =>
        WithWorkflowAsync(w => w.EnrollAsync(session, organisation, trainee, trainee.UserId, CancellationToken.None));

    public async Task<List<EnrollmentRow>> RowsAsync(long session) => [.. await WithWorkflowAsync(w => w.OfSessionAsync(session, CancellationToken.None))];

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public Task<long> UsedTrainingsAsync(long organisation) =>
        ScalarAsync<long>("SELECT COUNT(*) FROM sc_training_uses WHERE organisation_id = @organisation AND released_at IS NULL", new { organisation });

    /// <summary>The emails asked for through the outbox, oldest first.</summary>
    public async Task<List<EmailRequested>> EmailsAsync(string? template = null)
    {
        await using var c = await Db.OpenAsync();
        var payloads = await c.QueryAsync<string>("SELECT payload FROM outbox WHERE event_type = @Type ORDER BY id", new { Type = typeof(EmailRequested).FullName });
        return [.. payloads.Select(p => JsonSerializer.Deserialize<EmailRequested>(p, Json)!).Where(e => template is null || e.Template == template)];
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
