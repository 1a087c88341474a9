using System.Text.Json;
using AngleSharp.Html.Dom;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Invitations;
using Portal.Modules.Core.Data;
using Portal.Modules.Notifications.Contracts;
using Portal.Testing;

namespace Portal.Modules.Accounts.Tests;

/// <summary>Database reads and writes the account tests need around the HTTP conversation.</summary>
internal static class AccountTestKit
{
    public const string Password = "correct horse battery";
    public const string NewPassword = "purple elephant sunrise";

    public static async Task<T> ScalarAsync<T>(this PortalWebApp app, string sql, object? args = null)
    {
        await using var c = await app.Services.GetRequiredService<IDb>().OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static Task ExecuteAsync(this PortalWebApp app, string sql, object? args = null) =>
        app.Services.GetRequiredService<IDb>().WriteAsync((c, tx) => c.ExecuteAsync(sql, args, tx));

    public static async Task<string> InviteAsync(this PortalWebApp app, string email, long? organisationId, string role, string language = "zh-CN")
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvitationService>()
            .CreateAsync(email, "Invited Person", organisationId, role, language, invitedBy: null);
    }

    /// <summary>The EmailRequested events in the outbox table for one template, oldest first, once
    /// the outbox has handled every password reset request (those become emails a moment later).</summary>
    public static async Task<List<EmailRequested>> EmailsAsync(this PortalWebApp app, string template)
    {
        await WaitForResetRequestsAsync(app);
        await using var c = await app.Services.GetRequiredService<IDb>().OpenAsync();
        var payloads = await c.QueryAsync<string>("SELECT payload FROM outbox WHERE event_type = @Type ORDER BY id",
            new { Type = typeof(EmailRequested).FullName });
        return payloads.Select(p => JsonSerializer.Deserialize<EmailRequested>(p, new JsonSerializerOptions(JsonSerializerDefaults.Web))!)
            .Where(e => e.Template == template).ToList();
    }

    private static async Task WaitForResetRequestsAsync(PortalWebApp app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await app.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE event_type = @Type AND dispatched_at IS NULL AND dead_at IS NULL",
                   new { Type = typeof(Identity.PasswordResetRequested).FullName }) > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Password reset requests were not handled within 20 seconds.");
            await Task.Delay(50);
        }
    }

    /// <summary>The path and query of an emailed link, to follow it in the test browser.</summary>
    public static string LocalPart(string link) => new Uri(link).PathAndQuery;

    public static Task<long> AuditCountAsync(this PortalWebApp app, string evt, long userId) =>
        app.ScalarAsync<long>("SELECT COUNT(*) FROM acc_audit_log WHERE event = @evt AND user_id = @userId", new { evt, userId });

    public static string? TestId(this IHtmlDocument document, string id) => document.QuerySelector($"[data-testid={id}]")?.TextContent.Trim();

    public static bool Has(this IHtmlDocument document, string id) => document.QuerySelector($"[data-testid={id}]") is not null;

    /// <summary>The visible text of the main element, with whitespace collapsed.</summary>
    public static string MainText(this IHtmlDocument document) =>
        string.Join(' ', (document.QuerySelector("main")?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
