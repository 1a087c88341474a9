using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Modules.Core.Data;
using Portal.Modules.Notifications.Mail;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Modules.Notifications.Tests;

/// <summary>A process killed after handing an email over and before recording it as sent delivers
/// it again on restart (the outbox is at-least-once). These put a row back into that state and
/// deliver again: the resend carries the same Message-ID and replaces the pickup file.</summary>
public sealed class ResendAfterCrashTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> PublicAddress = new() { ["Portal:BaseUrl"] = "https://support.example.com/portal" };

    [Fact]
    public void The_same_row_always_gives_the_same_message_id_and_file_name()
    {
        var created = new DateTimeOffset(2026, 3, 1, 8, 30, 15, 123, TimeSpan.Zero);
        var first = MailIdentity.For(42, created, "https://support.example.com/portal");

        Assert.Equal(first, MailIdentity.For(42, created, "https://support.example.com/portal"));
        Assert.Equal(new MailIdentity("portal-msg-42.1772353815@support.example.com", "msg-42.1772353815.eml"), first);
        Assert.NotEqual(first.MessageId, MailIdentity.For(43, created, "https://support.example.com").MessageId);
        // A new database starts ids at 1 again: its row 42 is another message.
        Assert.NotEqual(first.FileName, MailIdentity.For(42, created.AddDays(1), "https://support.example.com").FileName);
        Assert.Equal("portal-msg-7.1772353815@xn--ruu81c.example.cn", MailIdentity.For(7, created, "https://支持.example.cn").MessageId);
        Assert.Equal("portal-msg-7.1772353815@localhost", MailIdentity.For(7, created, "not a url").MessageId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_second_delivery_of_the_same_email_replaces_its_pickup_file(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(TestClock.Start);
        await using var services = await NotificationTesting.BuildAsync(db, PublicAddress, clock);

        await services.PublishAsync(NotificationTesting.Invitation("invitation:1"));
        var row = (await services.MessageAsync("invitation:1"))!;
        var file = Assert.Single(NotificationTesting.MailFiles(db));
        var expected = MailIdentity.For(row.Id, row.CreatedAt, "https://support.example.com/portal");
        Assert.Equal(expected.FileName, Path.GetFileName(file));
        Assert.Equal($"<{expected.MessageId}>", Eml.Load(file).Headers["Message-ID"]);
        File.WriteAllText(file, "the first attempt's copy");

        clock.Advance(TimeSpan.FromMinutes(3));
        await CrashedBeforeMarkingSentAsync(services, "invitation:1");
        await services.PublishAsync(NotificationTesting.Invitation("invitation:1"));

        var again = Assert.Single(NotificationTesting.MailFiles(db));
        Assert.Equal(file, again);
        var eml = Eml.Load(again);
        Assert.Equal($"<{expected.MessageId}>", eml.Headers["Message-ID"]);
        Assert.Equal("邀请您注册客户服务门户账号", eml.Subject);
        Assert.Empty(Directory.GetFiles(Path.Combine(db.DataPath, "mail"), "*.tmp"));
        Assert.Equal(("sent", 2L), ((await services.MessageAsync("invitation:1"))!.State, (await services.MessageAsync("invitation:1"))!.Attempts));

        // Another email gets its own file and Message-ID.
        await services.PublishAsync(NotificationTesting.Invitation("invitation:2"));
        var ids = NotificationTesting.MailFiles(db).Select(f => Eml.Load(f).Headers["Message-ID"]).ToList();
        Assert.Equal(2, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_smtp_resend_carries_the_same_message_id(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpTestServer.StartAsync(Path.Combine(db.DataPath, "maildir"), output);
        if (smtp is null) return;
        await using var services = await NotificationTesting.BuildAsync(db, new Dictionary<string, string?>(PublicAddress)
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        await services.PublishAsync(NotificationTesting.Invitation("invitation:1"));
        await CrashedBeforeMarkingSentAsync(services, "invitation:1");
        await services.PublishAsync(NotificationTesting.Invitation("invitation:1"));

        // An SMTP server cannot take a message back: the copy goes out, with the same Message-ID.
        var received = smtp.ReceivedFiles().Select(f => Eml.Load(f).Headers["Message-ID"]).ToList();
        Assert.Equal(2, received.Count);
        var row = (await services.MessageAsync("invitation:1"))!;
        var expected = $"<{MailIdentity.For(row.Id, row.CreatedAt, "https://support.example.com").MessageId}>";
        Assert.All(received, id => Assert.Equal(expected, id));
    }

    // What the row looks like when the process died between handing the email over and MarkSentAsync.
    private static async Task CrashedBeforeMarkingSentAsync(IServiceProvider services, string dedupKey) =>
        await services.GetRequiredService<IDb>().WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE nt_messages SET state = 'pending', sent_at = NULL WHERE dedup_key = @dedupKey", new { dedupKey }, tx));
}
