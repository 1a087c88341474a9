using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Testing;

namespace Portal.Modules.Feedback.Tests;

/// <summary>The whole portal on a test database with no shipped content; products, installations
/// and service periods are written straight to ServiceContracts' tables.</summary>
internal sealed class FeedbackWebKit : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";
    private static readonly HtmlParser Parser = new();

    private FeedbackWebKit(PortalWebApp app) => App = app;

    public PortalWebApp App { get; }

    public IDb Db => App.Services.GetRequiredService<IDb>();

    public string FilesFolder => Path.Combine(App.Database.DataPath, "files");

    public static async Task<FeedbackWebKit> StartAsync(string provider, IDictionary<string, string?>? settings = null)
    {
        var empty = Path.Combine(Path.GetTempPath(), "portal-tests", "no-content-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        var all = new Dictionary<string, string?> { ["Portal:ContentPath"] = empty };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        return new FeedbackWebKit(await PortalWebApp.StartAsync(provider, all, s => s.TryAddSingleton<IServiceClock, ClockHours>()));
    }

    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    public Task<long> ProductAsync(string code, params string[] versions) => CatalogRows.ProductAsync(Db, code, versions);

    public Task InstallAsync(long organisation, long product, string version) => CatalogRows.InstallAsync(Db, organisation, product, version);

    public Task PeriodAsync(long organisation, long product, string level = "premium") =>
        Db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO sc_contracts (organisation_id, product_id, kind, service_level, starts_on, months, ends_on, major_upgrades,
                trainings_per_year, created_at, updated_at)
            VALUES (@organisation, @product, 'paid', @level, @startsOn, 12, @endsOn, @False, 2, @Now, @Now)
            """, new { organisation, product, level, startsOn = Today.AddDays(-10), endsOn = Today.AddDays(300), False = false, Now = DateTimeOffset.UtcNow }, tx));

    /// <summary>An organisation with KMS 8.5.2 installed (covered when asked) and a signed-in contact.</summary>
    public async Task<(long Organisation, HttpClient Browser)> CustomerAsync(string code, bool covered = true, long? product = null)
    {
        var organisation = await App.CreateOrganisationAsync(code, code + " Ltd");
        product ??= await ProductAsync("KMS-" + code, "8.5.2");
        await InstallAsync(organisation, product.Value, "8.5.2");
        if (covered) await PeriodAsync(organisation, product.Value);
        return (organisation, await ContactAsync(organisation, code.ToLowerInvariant() + "@customer.example"));
    }

    public async Task<HttpClient> ContactAsync(long organisation, string email, bool admin = false, string language = "zh-CN")
    {
        var user = await App.CreateUserAsync(email, Password, PortalRoles.Customer, organisation, language: language);
        if (admin) await ExecuteAsync("UPDATE acc_users SET is_org_admin = @True WHERE id = @Id", new { True = true, user.Id });
        return await App.SignInAsync(email, Password);
    }

    public async Task<HttpClient> StaffAsync(string email = "staff@portal.example")
    {
        await App.CreateUserAsync(email, Password, PortalRoles.Staff);
        return await App.SignInAsync(email, Password);
    }

    /// <summary>Posts the new-request form the way a browser does: token first, then the fields, then the files.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, Dictionary<string, string> fields, params (string Name, byte[] Bytes)[] files) =>
        await PostMultipartAsync(browser, "/Feedback/New", fields, files);

    public static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient browser, string url, Dictionary<string, string> fields, params (string Name, byte[] Bytes)[] files)
    {
        var page = await browser.GetAsync(url);
        var token = Parser.ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No token on {url} ({(int)page.StatusCode}).");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        foreach (var (name, bytes) in files) content.Add(new ByteArrayContent(bytes), "attachments", name);
        return await browser.PostAsync(url, content);
    }

    public static Dictionary<string, string> Problem(string product, string title = "Search is down", int severity = 2) => new()
    {
        ["Input.Type"] = "problem", ["Input.Installation"] = product + "|8.5.2", ["Input.Severity"] = severity.ToString(CultureInfo.InvariantCulture),
        ["Input.Title"] = title, ["Input.Description"] = "**Nothing** works since 9:00.", ["Input.ContactPhone"] = "+86 571 1234 5678",
    };

    public static long IdFrom(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}.");
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    public Task ExecuteAsync(string sql, object? args = null) => Db.WriteAsync((c, tx) => c.ExecuteAsync(sql, args, tx));

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public async Task<List<string>> OutboxPayloadsAsync()
    {
        await using var c = await Db.OpenAsync();
        return [.. await c.QueryAsync<string>("SELECT payload FROM outbox ORDER BY id")];
    }

    /// <summary>Stored files and unfinished uploads; not the node leases in .nodes/.</summary>
    public int StoredFiles() => Directory.Exists(FilesFolder)
        ? Directory.EnumerateFiles(FilesFolder, "*", SearchOption.AllDirectories).Count(f => !f.Contains("/.nodes/", StringComparison.Ordinal))
        : 0;

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
