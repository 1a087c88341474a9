using MimeKit;
using Portal.Modules.Notifications.Contracts;
using Portal.Modules.Notifications.Mail;
using Portal.Modules.Notifications.Templates;
using Xunit;

namespace Portal.Modules.Notifications.Tests;

public sealed class AttachmentTests
{
    private static readonly SmtpOptions Options = new() { From = "support@vendor.example" };

    [Fact]
    public void AnEmailWithAttachmentsCarriesTheTextAndHtmlFirstThenEachFileAsItWasGiven()
    {
        var bytes = new byte[] { 0, 1, 2, 250 };
        var email = new RenderedEmail("a@customer.example", "zh-CN", "培训确认", "正文", "<p>正文</p>",
            [new EmailAttachment("training.ics", "text/calendar; method=REQUEST", "BEGIN:VCALENDAR\r\nSUMMARY:培训\r\nEND:VCALENDAR\r\n"),
             new EmailAttachment("data.bin", "application/octet-stream", Convert.ToBase64String(bytes), Base64: true)]);

        var message = MimeMessageFactory.Create(email, Options);

        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("mixed", mixed.ContentType.MediaSubtype);
        Assert.IsType<MultipartAlternative>(mixed[0]);
        var ics = Assert.IsType<MimePart>(mixed[1]);
        Assert.Equal("training.ics", ics.FileName);
        Assert.Equal("text/calendar", ics.ContentType.MimeType);
        Assert.Equal("REQUEST", ics.ContentType.Parameters["method"]);
        Assert.Contains("SUMMARY:培训", Read(ics), StringComparison.Ordinal);
        var bin = Assert.IsType<MimePart>(mixed[2]);
        using var stream = new MemoryStream();
        bin.Content!.DecodeTo(stream);
        Assert.Equal(bytes, stream.ToArray());
    }

    [Fact]
    public void AnEmailWithoutAttachmentsStaysAPlainAlternative()
    {
        var message = MimeMessageFactory.Create(new RenderedEmail("a@customer.example", "en", "S", "t", "<p>t</p>"), Options);
        Assert.IsType<MultipartAlternative>(message.Body);
    }

    private static string Read(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
