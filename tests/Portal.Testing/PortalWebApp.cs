using System.Net;
using AngleSharp.Html.Parser;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Data;
using Xunit;

namespace Portal.Testing;

/// <summary>The whole portal in memory on a fresh test database, with helpers to create accounts
/// and to sign in the way a browser does (antiforgery token from the form, cookies kept).</summary>
public sealed class PortalWebApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase database;
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> authenticatorKeys = new(StringComparer.OrdinalIgnoreCase);

    private PortalWebApp(TestDatabase database, IDictionary<string, string?>? settings, Action<IServiceCollection>? services = null)
    {
        this.database = database;
        this.services = services;
        this.settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Portal:Demo"] = "false",
            ["RateLimits:AuthPermitsPerMinute"] = "1000",
            ["Outbox:PollInterval"] = "00:00:00.200",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) this.settings[k] = v;
    }

    public TestDatabase Database => database;

    /// <param name="services">Extra registrations (e.g. a test's search document source), added after the portal's.</param>
    /// <param name="pooledSqlite">See <see cref="TestDatabase.CreateAsync"/>: true for benchmarks.</param>
    public static async Task<PortalWebApp> StartAsync(string provider, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, bool pooledSqlite = false)
    {
        var db = await TestDatabase.CreateAsync(provider, pooledSqlite);
        var app = new PortalWebApp(db, settings, services);
        _ = app.Server; // starts the host: migrations and content import run now
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureServices(services);
    }

    /// <summary>A browser that keeps cookies and does not follow redirects. With an https base URL it
    /// speaks https, as a real one would: the portal then marks every cookie Secure.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = true,
        BaseAddress = new Uri(settings.TryGetValue("Portal:BaseUrl", out var url) && url?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true
            ? "https://localhost" : "http://localhost"),
    });

    public async Task<long> CreateOrganisationAsync(string code, string name)
    {
        var db = Services.GetRequiredService<IDb>();
        return await db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO acc_organisations (code, name, is_active, created_at, updated_at) VALUES (@code, @name, @Active, @Now, @Now) RETURNING id
            """, new { code, name, Active = true, Now = DateTimeOffset.UtcNow }, tx));
    }

    /// <summary>Creates a confirmed account. With <paramref name="authenticatorKey"/> set, two-factor is enabled with that key.
    /// Staff get a key of their own unless <paramref name="withoutTwoFactor"/> or staff two-factor is turned off (their pages need it);
    /// <see cref="SignInAsync"/> uses it, <see cref="AuthenticatorKeyOf"/> tells it.</summary>
    public async Task<PortalUser> CreateUserAsync(string email, string password, string role, long? organisationId = null,
        string? authenticatorKey = null, string language = "zh-CN", bool withoutTwoFactor = false)
    {
        if (authenticatorKey is null && !withoutTwoFactor && role == Portal.Modules.Core.Security.PortalRoles.Staff && StaffNeedTwoFactor)
            authenticatorKeys[email] = authenticatorKey = Totp.NewKey();
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0],
            OrganisationId = organisationId, PreferredLanguage = language,
        };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        if (authenticatorKey is not null)
        {
            user = (await users.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
            user.AuthenticatorKey = authenticatorKey;
            user.TwoFactorEnabled = true;
            Check(await users.UpdateAsync(user));
        }
        return user;
    }

    /// <summary>The authenticator key <see cref="CreateUserAsync"/> gave a staff account by itself, or null.</summary>
    public string? AuthenticatorKeyOf(string email) => authenticatorKeys.GetValueOrDefault(email);

    /// <summary>False when the test turned Accounts:RequireTwoFactorForStaff off.</summary>
    private bool StaffNeedTwoFactor =>
        !settings.TryGetValue("Accounts:RequireTwoFactorForStaff", out var value) || !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>A browser signed in through the sign-in form (and the two-factor form when the
    /// account has an authenticator key: the one given, else the one <see cref="CreateUserAsync"/> gave a staff account).</summary>
    public async Task<HttpClient> SignInAsync(string email, string password, string? authenticatorKey = null)
    {
        authenticatorKey ??= AuthenticatorKeyOf(email);
        var browser = Browser();
        var response = await browser.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (authenticatorKey is not null)
        {
            var location = response.Headers.Location!.OriginalString;
            Assert.Contains("/Account/SignInTwoFactor", location, StringComparison.Ordinal);
            response = await browser.PostFormAsync(location, new() { ["Input.Code"] = Totp.Code(authenticatorKey, DateTimeOffset.UtcNow) });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        return browser;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}

public static class BrowserExtensions
{
    private static readonly HtmlParser Parser = new();

    /// <summary>GETs the page holding the form, takes its antiforgery token, then POSTs the fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(browser, formPage ?? url);
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Like <see cref="PostFormAsync"/>, as multipart/form-data with one file.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(this HttpClient browser, string url, string field, string fileName, byte[] bytes,
        string? formPage = null)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await AntiforgeryTokenAsync(browser, formPage ?? url)), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), field, fileName },
        };
        return await browser.PostAsync(url, content);
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser, string formPage)
    {
        var page = await browser.GetAsync(formPage);
        var html = await page.Content.ReadAsStringAsync();
        return Parser.ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {formPage} (status {(int)page.StatusCode}).");
    }

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> GetDocumentAsync(this HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }
}
