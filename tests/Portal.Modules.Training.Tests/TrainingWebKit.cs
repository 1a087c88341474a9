using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;

namespace Portal.Modules.Training.Tests;

/// <summary>The whole portal on a test database with no shipped content; products are written straight
/// to ServiceContracts' tables, courses and sessions to Training's.</summary>
internal sealed class TrainingWebKit : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";
    private static readonly HtmlParser Parser = new();
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private TrainingWebKit(PortalWebApp app) => App = app;

    public PortalWebApp App { get; }

    public IDb Db => App.Services.GetRequiredService<IDb>();

    public static async Task<TrainingWebKit> StartAsync(string provider)
    {
        var empty = Path.Combine(Path.GetTempPath(), "portal-tests", "no-content-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        return new TrainingWebKit(await PortalWebApp.StartAsync(provider, new Dictionary<string, string?> { ["Portal:ContentPath"] = empty }));
    }

    /// <summary>Now in the vendor time zone, to the minute, as staff would type it.</summary>
    public static DateTime LocalNow
    {
        get
        {
            var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone).DateTime;
            return new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0);
        }
    }

    public static string Local(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public Task<long> ProductAsync(string code) => CatalogRows.ProductAsync(Db, code, "1.0.0");

    public async Task<HttpClient> StaffAsync(string email = "staff@portal.example")
    {
        await App.CreateUserAsync(email, Password, PortalRoles.Staff);
        return await App.SignInAsync(email, Password);
    }

    public async Task<HttpClient> CustomerAsync(string code = "ACME")
    {
        var organisation = await App.CreateOrganisationAsync(code, code + " Ltd");
        var email = code.ToLowerInvariant() + "@customer.example";
        await App.CreateUserAsync(email, Password, PortalRoles.Customer, organisation);
        return await App.SignInAsync(email, Password);
    }

    public Task<long> CourseAsync(string code, string product, string mode = "central", string audience = "administrator", string titleEn = "") =>
        Db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO tr_courses (code, title_zh, title_en, outline_zh, outline_en, product_code, audience, level, mode, duration_hours, created_at, updated_at)
            VALUES (@code, @zh, @en, '大纲', '**Outline**', @product, @audience, 'basic', @mode, 8, @now, @now) RETURNING id
            """, new { code, zh = code + " 培训", en = titleEn.Length > 0 ? titleEn : code + " training", product, audience, mode, now = DateTimeOffset.UtcNow }, tx));

    public Task<long> SessionAsync(long course, DateTimeOffset starts, string status = "scheduled", int capacity = 10) =>
        Db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO tr_sessions (course_id, starts_at, ends_at, place, capacity, enroll_until, status, created_at, updated_at)
            VALUES (@course, @starts, @ends, '南昌培训中心', @capacity, @starts, @status, @now, @now) RETURNING id
            """, new { course, starts, ends = starts.AddHours(8), capacity, status, now = DateTimeOffset.UtcNow }, tx));

    public Task ExecuteAsync(string sql, object? args = null) => Db.WriteAsync((c, tx) => c.ExecuteAsync(sql, args, tx));

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static async Task<IHtmlDocument> PageAsync(HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Posts a form the way a browser does: the antiforgery token of <paramref name="formPage"/>, then the fields.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string formPage, string url, Dictionary<string, string> fields, (string Name, byte[] Bytes)? file = null)
    {
        var page = await browser.GetAsync(formPage);
        var token = Parser.ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No token on {formPage} ({(int)page.StatusCode}).");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        if (file is { } f) content.Add(new ByteArrayContent(f.Bytes), "file", f.Name);
        return await browser.PostAsync(url, content);
    }

    /// <summary>The error messages the page shows.</summary>
    public static async Task<string[]> ErrorsAsync(HttpResponseMessage response) =>
        [.. Parser.ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelectorAll("[data-testid=errors] li").Select(li => li.TextContent.Trim())];

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
