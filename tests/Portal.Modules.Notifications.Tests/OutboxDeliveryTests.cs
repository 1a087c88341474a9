using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Notifications.Contracts;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Modules.Notifications.Tests;

/// <summary>EmailRequested written to the outbox in a transaction, delivered by the real dispatcher.</summary>
public sealed class OutboxDeliveryTests(ITestOutputHelper output)
{
    private static Task EnqueueAsync(IServiceProvider services, EmailRequested email) =>
        services.GetRequiredService<IDb>().WriteAsync((c, tx) =>
            services.GetRequiredService<IOutbox>().EnqueueAsync(c, tx, email, email.DedupKey));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_enqueued_email_is_sent_and_the_outbox_row_dispatched(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await NotificationTesting.BuildAsync(db);

        await EnqueueAsync(services, NotificationTesting.Invitation());
        Assert.Equal(1, await services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

        var eml = Eml.Load(Assert.Single(NotificationTesting.MailFiles(db)));
        Assert.Equal("邀请您注册客户服务门户账号", eml.Subject);
        Assert.Contains("张伟 &lt;Zhang &amp; Co&gt;", eml.PartOf("text/html"), StringComparison.Ordinal);
        var outbox = await services.OutboxRowAsync("invitation:1");
        Assert.NotNull(outbox.DispatchedAt);
        Assert.Equal("sent", (await services.MessageAsync("invitation:1"))!.State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_template_is_dead_lettered_with_a_clear_error(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await NotificationTesting.BuildAsync(db, new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "1" });

        await EnqueueAsync(services, NotificationTesting.Invitation("k:unknown", template: "accounts.gone"));
        Assert.Equal(0, await services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

        var outbox = await services.OutboxRowAsync("k:unknown");
        Assert.NotNull(outbox.DeadAt);
        Assert.Equal("There is no email template \"accounts.gone\" in zh-CN.", outbox.LastError);
        var dead = await services.GetRequiredService<IOutboxMonitor>().ListAsync(deadOnly: true, 10, CancellationToken.None);
        Assert.Equal("k:unknown", Assert.Single(dead).DedupKey);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task When_the_SMTP_server_is_down_the_email_fails_and_the_outbox_retries_later(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(TestClock.Start);
        await using var services = await NotificationTesting.BuildAsync(db, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = SmtpTestServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, clock);

        await EnqueueAsync(services, NotificationTesting.Invitation());
        Assert.Equal(0, await services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

        var message = await services.MessageAsync("invitation:1");
        Assert.Equal(("failed", 1L), (message!.State, message.Attempts));
        Assert.StartsWith("Sending through the SMTP server 127.0.0.1:", message.LastError, StringComparison.Ordinal);
        Assert.Null(message.SentAt);
        var outbox = await services.OutboxRowAsync("invitation:1");
        Assert.Equal(1L, outbox.Attempts);
        Assert.True(outbox.NextAttemptAt > clock.GetUtcNow(), $"next attempt {outbox.NextAttemptAt:O} is not after {clock.GetUtcNow():O}");
        Assert.Null(outbox.DispatchedAt);
        Assert.Null(outbox.DeadAt);
        Assert.NotNull(outbox.LastError);
        Assert.Empty(NotificationTesting.MailFiles(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_real_SMTP_server_receives_the_email(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpTestServer.StartAsync(Path.Combine(db.DataPath, "maildir"), output);
        if (smtp is null) return;
        await using var services = await NotificationTesting.BuildAsync(db, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:From"] = "support@vendor.example",
            ["Smtp:FromName"] = "Vendor 客户服务门户",
        });

        await EnqueueAsync(services, NotificationTesting.Invitation("invitation:9", "en", "Ann Lee", "ann.lee@customer.example"));
        Assert.Equal(1, await services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

        var eml = Eml.Load(Assert.Single(smtp.ReceivedFiles()));
        Assert.Equal("ann.lee@customer.example", eml.Headers["X-RcptTo"]);
        Assert.Equal("support@vendor.example", eml.Headers["X-MailFrom"]);
        Assert.Equal("You are invited to the Customer Portal", eml.Subject);
        Assert.Equal("Vendor 客户服务门户 <support@vendor.example>", eml.Headers["From"]);
        Assert.Contains("Hello Ann Lee,", eml.PartOf("text/plain"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", eml.PartOf("text/html"), StringComparison.Ordinal);
        Assert.Equal("sent", (await services.MessageAsync("invitation:9"))!.State);
        Assert.Empty(NotificationTesting.MailFiles(db));
    }
}
