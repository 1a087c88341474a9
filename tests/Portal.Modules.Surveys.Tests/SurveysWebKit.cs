using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;

namespace Portal.Modules.Surveys.Tests;

/// <summary>The whole portal on a test database with no shipped content; survey templates are imported
/// from a folder holding only content/surveys (the shipped files or a test's own).</summary>
internal sealed class SurveysWebKit : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";
    private static readonly HtmlParser Parser = new();

    private SurveysWebKit(PortalWebApp app) => App = app;

    public PortalWebApp App { get; }

    public IDb Db => App.Services.GetRequiredService<IDb>();

    public static async Task<SurveysWebKit> StartAsync(string provider) =>
        new(await PortalWebApp.StartAsync(provider, new Dictionary<string, string?> { ["Portal:ContentPath"] = NewFolder() }));

    /// <summary>The portal with <paramref name="clock"/> as its TimeProvider and extra settings.</summary>
    public static async Task<SurveysWebKit> StartAsync(string provider, TimeProvider clock, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Portal:ContentPath"] = NewFolder() };
        return new(await PortalWebApp.StartAsync(provider, all, services => services.AddSingleton(clock)));
    }

    /// <summary>The repository's content/surveys folder.</summary>
    public static string ShippedSurveys([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "content", "surveys"));

    /// <summary>A content folder with a copy of the shipped survey templates only.</summary>
    public static string ShippedContent()
    {
        var folder = NewFolder();
        Directory.CreateDirectory(Path.Combine(folder, "surveys"));
        foreach (var file in Directory.EnumerateFiles(ShippedSurveys(), "*.yaml"))
            File.Copy(file, Path.Combine(folder, "surveys", Path.GetFileName(file)));
        return folder;
    }

    public Task<ContentImport> ImportAsync(string folder) =>
        App.Services.GetRequiredService<ContentImporter>().ImportAsync(folder, demo: false);

    public async Task<long> ImportShippedAsync()
    {
        var result = await ImportAsync(ShippedContent());
        if (result.Errors.Count > 0) throw new InvalidOperationException(string.Join("\n", result.Errors));
        return await ScalarAsync<long>("SELECT id FROM sv_templates WHERE code = 'customer-satisfaction'");
    }

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

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenAsync();
        return [.. await c.QueryAsync<T>(sql, args)];
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<IHtmlDocument> PageAsync(HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The fields a browser would send for the form (checked boxes send "true" and win over their hidden "false").</summary>
    public static Dictionary<string, string> FormFields(IHtmlDocument page, string formSelector)
    {
        var fields = new Dictionary<string, string>();
        foreach (var e in page.QuerySelector(formSelector)!.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = e.GetAttribute("name")!;
            if (name == "__RequestVerificationToken") continue;
            switch (e)
            {
                case IHtmlInputElement { Type: "checkbox" } box:
                    if (box.IsChecked) fields[name] = "true";
                    break;
                case IHtmlInputElement input:
                    fields.TryAdd(name, input.Value);
                    break;
                case IHtmlSelectElement select:
                    fields[name] = select.Value ?? "";
                    break;
                case IHtmlTextAreaElement area:
                    fields[name] = area.Value;
                    break;
            }
        }
        return fields;
    }

    /// <summary>The error messages the page shows.</summary>
    public static async Task<string[]> ErrorsAsync(HttpResponseMessage response) =>
        [.. Parser.ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelectorAll("[data-testid=errors] li").Select(li => li.TextContent.Trim())];

    public ValueTask DisposeAsync() => App.DisposeAsync();

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", "surveys-content-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
