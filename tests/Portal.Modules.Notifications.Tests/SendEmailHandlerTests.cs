using Microsoft.Extensions.Time.Testing;
using Portal.Modules.Notifications.Templates;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Notifications.Tests;

public sealed class SendEmailHandlerTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Renders_the_template_and_writes_both_parts_to_the_pickup_folder(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(TestClock.Start);
        await using var services = await NotificationTesting.BuildAsync(db, new Dictionary<string, string?>
        {
            ["Smtp:From"] = "support@vendor.example",
            ["Smtp:FromName"] = "客户服务门户",
        }, clock);

        await services.PublishAsync(NotificationTesting.Invitation());
        File.Copy(NotificationTesting.MailFiles(db)[0], "/tmp/nt-sample-" + provider + ".eml", true);

        var eml = Eml.Load(Assert.Single(NotificationTesting.MailFiles(db)));
        Assert.Equal("邀请您注册客户服务门户账号", eml.Subject);
        Assert.Contains("zhang.wei@example.com", eml.Headers["To"], StringComparison.Ordinal);
        Assert.Equal("客户服务门户 <support@vendor.example>", eml.Headers["From"]);
        Assert.Equal("auto-generated", eml.Headers["Auto-Submitted"]);
        Assert.StartsWith("multipart/alternative", eml.Headers["Content-Type"], StringComparison.Ordinal);

        var text = eml.PartOf("text/plain");
        Assert.StartsWith("张伟 <Zhang & Co>，您好：", text, StringComparison.Ordinal);
        Assert.Contains("请在 7 天内打开下面的链接", text, StringComparison.Ordinal);
        Assert.Contains(NotificationTesting.Link, text, StringComparison.Ordinal);

        var html = eml.PartOf("text/html");
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("<p>张伟 &lt;Zhang &amp; Co&gt;，您好：</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Zhang", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://portal.example.com/Account/Register?token=abc&amp;x=1\">", html, StringComparison.Ordinal);

        var row = await services.MessageAsync("invitation:1");
        Assert.NotNull(row);
        Assert.Equal(("sent", 1L, "zh-CN", "accounts.invitation", "zhang.wei@example.com"), (row.State, row.Attempts, row.Language, row.Template, row.ToAddress));
        Assert.Equal("邀请您注册客户服务门户账号", row.Subject);
        Assert.Null(row.LastError);
        Assert.Equal(clock.GetUtcNow(), row.SentAt);
        Assert.Equal(clock.GetUtcNow(), row.CreatedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task English_is_chosen_by_en_and_every_other_language_gets_Chinese(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await NotificationTesting.BuildAsync(db);

        await services.PublishAsync(NotificationTesting.Invitation("k:en", "en", "Ann"));
        await services.PublishAsync(NotificationTesting.Invitation("k:fr", "fr", "Anne"));

        var subjects = NotificationTesting.MailFiles(db).Select(Eml.Load).ToDictionary(e => e.PartOf("text/plain").Split('\n')[0].Trim(), e => e.Subject);
        Assert.Equal("You are invited to the Customer Portal", subjects["Hello Ann,"]);
        Assert.Equal("邀请您注册客户服务门户账号", subjects["Anne，您好："]);
        Assert.Equal("en", (await services.MessageAsync("k:en"))!.Language);
        Assert.Equal("zh-CN", (await services.MessageAsync("k:fr"))!.Language);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_request_handled_twice_sends_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await NotificationTesting.BuildAsync(db);

        await services.PublishAsync(NotificationTesting.Invitation());
        await services.PublishAsync(NotificationTesting.Invitation());

        Assert.Single(NotificationTesting.MailFiles(db));
        var row = await services.MessageAsync("invitation:1");
        Assert.Equal(("sent", 1L), (row!.State, row.Attempts));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_template_fails_the_delivery_and_is_recorded(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await NotificationTesting.BuildAsync(db);

        var error = await Assert.ThrowsAsync<EmailTemplateException>(() =>
            services.PublishAsync(NotificationTesting.Invitation("k:unknown", template: "accounts.no-such-template")));

        Assert.Equal("There is no email template \"accounts.no-such-template\" in zh-CN.", error.Message);
        Assert.Empty(NotificationTesting.MailFiles(db));
        var row = await services.MessageAsync("k:unknown");
        Assert.Equal(("failed", 1L, error.Message), (row!.State, row.Attempts, row.LastError));
        Assert.Null(row.SentAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_missing_value_fails_every_attempt_without_sending(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await NotificationTesting.BuildAsync(db);
        var incomplete = NotificationTesting.Invitation("k:missing") with { Values = new Dictionary<string, string> { ["name"] = "Ann" } };

        var error = await Assert.ThrowsAsync<EmailTemplateException>(() => services.PublishAsync(incomplete));
        Assert.Contains("{{days}}, {{link}}", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<EmailTemplateException>(() => services.PublishAsync(incomplete));

        Assert.Empty(NotificationTesting.MailFiles(db));
        var row = await services.MessageAsync("k:missing");
        Assert.Equal(("failed", 2L), (row!.State, row.Attempts));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_invalid_recipient_fails_with_a_clear_message(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await NotificationTesting.BuildAsync(db);

        var error = await Assert.ThrowsAsync<FormatException>(() => services.PublishAsync(NotificationTesting.Invitation("k:bad", to: "not an address")));

        Assert.Equal("The recipient address \"not an address\" is not a valid email address.", error.Message);
        Assert.Equal(("failed", error.Message), ((await services.MessageAsync("k:bad"))!.State, (await services.MessageAsync("k:bad"))!.LastError));
    }
}
