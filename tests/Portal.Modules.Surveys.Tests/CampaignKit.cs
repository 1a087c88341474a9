using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Surveys.Tests;

/// <summary>What campaign and reminder tests share: organisations with contacts, a product installed somewhere, and
/// the campaign form posted as a browser does (several organisations are several values of one field).</summary>
internal static class CampaignKit
{
    public static async Task<long> OrganisationAsync(SurveysWebKit kit, string code, int contacts)
    {
        var id = await kit.App.CreateOrganisationAsync(code, code + " Ltd");
        for (var i = 1; i <= contacts; i++) await ContactAsync(kit, id, $"{code.ToLowerInvariant()}{i}@customer.example");
        return id;
    }

    public static async Task ContactAsync(SurveysWebKit kit, long organisationId, string email, string language = "zh-CN") =>
        await kit.App.CreateUserAsync(email, SurveysWebKit.Password, PortalRoles.Customer, organisationId, language: language);

    /// <summary>Product <paramref name="code"/> 1.0.0; installed at <paramref name="installedAt"/>, and at <paramref name="removedAt"/> but removed.</summary>
    public static Task ProductAsync(SurveysWebKit kit, string code, IEnumerable<long> installedAt, IEnumerable<long>? removedAt = null) =>
        kit.Db.WriteAsync(async (c, tx) =>
        {
            var now = DateTimeOffset.UtcNow;
            var product = await c.ExecuteScalarAsync<long>("""
                INSERT INTO sc_products (code, name_zh, name_en, is_active, created_at, updated_at) VALUES (@code, @code, @code, @yes, @now, @now) RETURNING id
                """, new { code, yes = true, now }, tx);
            var version = await c.ExecuteScalarAsync<long>("""
                INSERT INTO sc_product_versions (product_id, major, minor, patch, created_at) VALUES (@product, 1, 0, 0, @now) RETURNING id
                """, new { product, now }, tx);
            foreach (var (organisation, removed) in installedAt.Select(o => (o, false)).Concat((removedAt ?? []).Select(o => (o, true))))
                await c.ExecuteAsync("""
                    INSERT INTO sc_installations (organisation_id, product_id, version_id, removed_at, created_at, updated_at)
                    VALUES (@organisation, @product, @version, @removedAt, @now, @now)
                    """, new { organisation, product, version, removedAt = removed ? now : (DateTimeOffset?)null, now }, tx);
        });

    /// <summary>Posts the New form to <paramref name="handler"/> (Preview or Send).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient staff, string handler, string name, long? templateId, string audience,
        IEnumerable<long>? organisations = null, string product = "")
    {
        var form = await staff.GetDocumentAsync("/Surveys/Manage/Campaigns/New");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token), new("Input.Name", name), new("Input.TemplateId", templateId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            new("Input.Audience", audience), new("Input.ProductCode", product),
        };
        fields.AddRange((organisations ?? []).Select(o => new KeyValuePair<string, string>("Input.OrganisationIds", o.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return await staff.PostAsync($"/Surveys/Manage/Campaigns/New?handler={handler}", new FormUrlEncodedContent(fields));
    }

    /// <summary>Sends a campaign through the form; its id.</summary>
    public static async Task<long> SendAsync(HttpClient staff, string name, long templateId, string audience, IEnumerable<long>? organisations = null, string product = "")
    {
        var sent = await PostAsync(staff, "Send", name, templateId, audience, organisations, product);
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, string.Join("; ", await SurveysWebKit.ErrorsAsync(sent)));
        return long.Parse(sent.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<List<string>> InvitedAsync(SurveysWebKit kit, long campaignId) =>
        await kit.QueryAsync<string>("SELECT email FROM sv_invitations WHERE subject_kind = 'campaign' AND subject_id = @campaignId ORDER BY email", new { campaignId });
}
