using Dapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Notifications.Contracts;
using Portal.Testing;

namespace Portal.Modules.Notifications.Tests;

public sealed class MessageRow
{
    public long Id { get; set; }
    public string DedupKey { get; set; } = "";
    public string ToAddress { get; set; } = "";
    public string Template { get; set; } = "";
    public string Language { get; set; } = "";
    public string? Subject { get; set; }
    public string State { get; set; } = "";
    public long Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

public sealed class OutboxRow
{
    public long Id { get; set; }
    public long Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public DateTimeOffset? DeadAt { get; set; }
    public string? LastError { get; set; }
}

internal static class NotificationTesting
{
    public const string Link = "https://portal.example.com/Account/Register?token=abc&x=1";

    public static Task<ServiceProvider> BuildAsync(TestDatabase db, IDictionary<string, string?>? settings = null, TimeProvider? clock = null) =>
        TestServices.BuildAsync(db, (s, _) => s.AddNotificationsModule(), settings, clock);

    public static EmailRequested Invitation(string dedupKey = "invitation:1", string language = "zh-CN", string name = "张伟 <Zhang & Co>",
        string to = "zhang.wei@example.com", string template = "accounts.invitation") =>
        new(to, template, language, new Dictionary<string, string> { ["name"] = name, ["link"] = Link, ["days"] = "7" }, dedupKey);

    public static async Task PublishAsync(this IServiceProvider services, EmailRequested email)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(email);
    }

    public static string[] MailFiles(TestDatabase db)
    {
        var folder = Path.Combine(db.DataPath, "mail");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [];
    }

    public static async Task<MessageRow?> MessageAsync(this IServiceProvider services, string dedupKey)
    {
        await using var c = await services.GetRequiredService<IDb>().OpenAsync();
        return await c.QuerySingleOrDefaultAsync<MessageRow>("""
            SELECT id AS Id, dedup_key AS DedupKey, to_address AS ToAddress, template AS Template, language AS Language, subject AS Subject,
                   state AS State, attempts AS Attempts, last_error AS LastError, created_at AS CreatedAt, sent_at AS SentAt
            FROM nt_messages WHERE dedup_key = @dedupKey
            """, new { dedupKey });
    }

    public static async Task<OutboxRow> OutboxRowAsync(this IServiceProvider services, string dedupKey)
    {
        await using var c = await services.GetRequiredService<IDb>().OpenAsync();
        return await c.QuerySingleAsync<OutboxRow>("""
            SELECT id AS Id, attempts AS Attempts, next_attempt_at AS NextAttemptAt, dispatched_at AS DispatchedAt, dead_at AS DeadAt, last_error AS LastError
            FROM outbox WHERE dedup_key = @dedupKey
            """, new { dedupKey });
    }

    /// <summary>Polls until <paramref name="condition"/> holds (the background worker runs on its own).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }
}
