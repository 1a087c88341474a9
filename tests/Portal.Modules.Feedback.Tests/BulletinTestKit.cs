using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Modules.Accounts;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Portal.Modules.Downloads;
using Portal.Modules.Feedback.Calendar;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Feedback.Sla;
using Portal.Modules.Knowledge;
using Portal.Modules.Notifications;
using Portal.Modules.ServiceContracts;
using Portal.Testing;
using Portal.Web;

namespace Portal.Modules.Feedback.Tests;

/// <summary>The modules the bulletin reads from (Accounts, ServiceContracts, Downloads, Knowledge, Feedback)
/// on a test database with a fake clock and the real holiday calendar; no background work runs, tests run the
/// bulletin job themselves. Organisations, contacts, releases and articles are written straight to their tables.</summary>
internal sealed class BulletinTestKit : IAsyncDisposable
{
    public static readonly Actor Engineer = new(900, "Engineer", true);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private BulletinTestKit(TestDatabase database, ServiceProvider services, FakeTimeProvider clock)
    {
        Database = database;
        Services = services;
        Clock = clock;
    }

    public TestDatabase Database { get; }
    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public IDb Db => Services.GetRequiredService<IDb>();

    /// <summary>The instant of a wall-clock time in Shanghai.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour = 10, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public static async Task<BulletinTestKit> StartAsync(string provider, DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start);
        var database = await TestDatabase.CreateAsync(provider);
        var services = await TestServices.BuildAsync(database, (s, _) => s.AddNotificationsModule().AddAccountsModule().AddServiceContractsModule()
            .AddDownloadsModule().AddKnowledgeModule().AddFeedbackModule().AddPortalWeb(), clock: clock);
        return new BulletinTestKit(database, services, clock);
    }

    public void MoveTo(DateTimeOffset at) => Clock.SetUtcNow(at);

    /// <summary>Holidays (<paramref name="off"/>) and make-up working days (<paramref name="workdays"/>) in the calendar.</summary>
    public Task HolidaysAsync(IEnumerable<DateOnly> off, IEnumerable<DateOnly>? workdays = null) =>
        Services.GetRequiredService<HolidayStore>().ImportAsync(
            [.. off.Select(d => new HolidayDay(d, HolidayKind.Holiday, "Test")), .. (workdays ?? []).Select(d => new HolidayDay(d, HolidayKind.Workday, "Test"))], null, default);

    public static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }

    public Task<long> OrganisationAsync(string code, bool active = true) => Db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
        INSERT INTO acc_organisations (code, name, is_active, created_at, updated_at) VALUES (@code, @Name, @active, @Now, @Now) RETURNING id
        """, new { code, Name = code + " Ltd", active, Now = Clock.GetUtcNow() }, tx));

    /// <summary>A customer contact with a confirmed address; its email choices as given.</summary>
    public Task<long> ContactAsync(long organisation, string email, string language = "zh-CN", bool requestEmails = true, bool bulletin = true) =>
        Db.WriteAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO acc_users (user_name, normalized_user_name, email, normalized_email, email_confirmed, display_name, preferred_language,
                    organisation_id, created_at, email_requests, email_bulletin)
                VALUES (@email, @Upper, @email, @Upper, @True, @Name, @language, @organisation, @Now, @requestEmails, @bulletin) RETURNING id
                """, new { email, Upper = email.ToUpperInvariant(), True = true, Name = email.Split('@')[0], language, organisation, Now = Clock.GetUtcNow(), requestEmails, bulletin }, tx);
            await c.ExecuteAsync("INSERT INTO acc_user_roles (user_id, role) VALUES (@id, 'Customer')", new { id }, tx);
            return id;
        });

    public async Task<long> InstalledProductAsync(long organisation, string code)
    {
        var product = await CatalogRows.ProductAsync(Db, code, "8.5.2");
        await CatalogRows.InstallAsync(Db, organisation, product, "8.5.2");
        return product;
    }

    /// <summary>A problem submitted now; covered ones must be answered within <paramref name="respondWithin"/>.</summary>
    public async Task<long> RequestAsync(long organisation, long contact, string title, string product, bool covered = true, double respondWithin = 4)
    {
        var now = Clock.GetUtcNow();
        var plan = covered ? new SlaPlan(true, "premium", false, now.AddHours(respondWithin), now.AddHours(48)) : new SlaPlan(false, null, false, null, null);
        return await WithWorkflowAsync(async w => (await w.CreateAsync(new NewRequest(organisation, new Actor(contact, "Contact", false), $"user{contact}@customer.example",
            "en", "", RequestVocabulary.Problem, product, "8.5.2", 2, title, "Nothing works"), plan, [], default)).Id);
    }

    public async Task<T> WithWorkflowAsync<T>(Func<RequestWorkflow, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RequestWorkflow>());
    }

    public async Task<int> RowVersionAsync(long id) => (int)await ScalarAsync<long>("SELECT row_version FROM fb_requests WHERE id = @id", new { id });

    public async Task ReplyAsync(long id, string body, bool isInternal = false, string? statusAfter = null)
    {
        var version = await RowVersionAsync(id);
        Xunit.Assert.Equal(WorkflowOutcome.Done, await WithWorkflowAsync(w => w.StaffReplyAsync(id, version, Engineer, body, isInternal, statusAfter, [], default)));
    }

    public async Task StatusAsync(long id, string to)
    {
        var version = await RowVersionAsync(id);
        Xunit.Assert.Equal(WorkflowOutcome.Done, await WithWorkflowAsync(w => w.ChangeStatusAsync(id, version, Engineer, to, default)));
    }

    public Task ReleaseAsync(string product, string title, DateTimeOffset publishedAt, string status = "published") =>
        Db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO dl_releases (product_code, major, minor, patch, kind, title_zh, title_en, status, published_at, created_at, updated_at)
            VALUES (@product, 8, 5, 3, 'patch', @title, @title, @status, @publishedAt, @publishedAt, @publishedAt)
            """, new { product, title, status, publishedAt }, tx));

    public Task ArticleAsync(string product, string title, DateTimeOffset publishedAt, string visibility = "customers", string lang = "en") =>
        Db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO kb_articles (lang, slug, type, title, body, category, products, tags, visibility, status, change_seq, created_at, updated_at, published_at)
            VALUES (@lang, @Slug, 'known-issue', @title, 'Body', 'KMS', @product, '', @visibility, 'published', 1, @publishedAt, @publishedAt, @publishedAt)
            """, new { lang, Slug = "a" + Guid.NewGuid().ToString("N")[..10], title, product, visibility, publishedAt }, tx));

    /// <summary>Runs the bulletin job the way the background worker does, in its own scope.</summary>
    public async Task SweepAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        foreach (var sweep in scope.ServiceProvider.GetServices<ISweep>().Where(s => s.Name == "feedback.bulletin")) await sweep.RunAsync(default);
    }

    /// <summary>The bulletin emails in the outbox: dedup key and payload.</summary>
    public async Task<List<(string Key, string Payload)>> BulletinEmailsAsync()
    {
        await using var c = await Db.OpenAsync();
        return [.. await c.QueryAsync<(string, string)>("SELECT dedup_key, payload FROM outbox WHERE dedup_key LIKE 'feedback.bulletin:%' ORDER BY id")];
    }

    public async Task<List<string>> ClaimedAsync(long organisation)
    {
        await using var c = await Db.OpenAsync();
        return [.. await c.QueryAsync<string>("SELECT month FROM fb_bulletins WHERE organisation_id = @organisation ORDER BY month", new { organisation })];
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static string Month(int year, int month) => new DateOnly(year, month, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
