using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Notifications.Mail;
using Portal.Modules.Notifications.Templates;
using Xunit;

namespace Portal.Modules.Notifications.Tests;

public sealed class PickupFolderTransportTests
{
    [Fact]
    public async Task Long_mixed_script_headers_survive_encoding_word_by_word()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var transport = new PickupFolderMailTransport(
                Options.Create(new SmtpOptions { From = "support@vendor.example", FromName = "Vendor 技术支持中心 Support Centre 客户服务门户" }),
                Options.Create(new PortalOptions { DataPath = dataPath }));
            const string subject = "Re: 关于 ABC-123 设备的问题 (ticket #42) — 已解决 ✓ 😀 请确认您在客户服务门户使用的邮箱地址";
            await transport.SendAsync(new RenderedEmail("a@customer.example", "zh-CN", subject, "正文 😀", "<p>正文 😀</p>"), CancellationToken.None);

            // Eml decodes each encoded word on its own, so a character split across two words would show as U+FFFD.
            var eml = Eml.Load(Assert.Single(Directory.GetFiles(Path.Combine(dataPath, "mail"), "*.eml")));
            Assert.Equal(subject, eml.Subject);
            Assert.Equal("Vendor 技术支持中心 Support Centre 客户服务门户 <support@vendor.example>", eml.Headers["From"]);
            Assert.Equal("zh-CN", eml.Headers["Content-Language"]);
            Assert.Equal("正文 😀", eml.PartOf("text/plain"));
            Assert.Equal("<p>正文 😀</p>", eml.PartOf("text/html"));
        }
        finally
        {
            if (Directory.Exists(dataPath)) Directory.Delete(dataPath, recursive: true);
        }
    }
}
