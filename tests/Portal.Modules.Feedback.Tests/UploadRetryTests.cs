using System.Net;
using AngleSharp.Html.Parser;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>Issue 18 §3: a request or a reply with attachments sent again with the same upload key
/// (the answer to the first was lost) is recorded once, its files stored once, and the retry gets
/// the success answer; a new form load makes a new key.</summary>
public sealed class UploadRetryTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly HtmlParser Parser = new();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_request_or_reply_sent_twice_with_the_same_upload_key_is_recorded_once(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var files = new[] { ("log.txt", new byte[] { 1, 2, 3 }), ("screen.png", new byte[] { 4, 5 }) };

        var form = await FormAsync(customer, "/Feedback/New");
        var sent = await PostAsync(customer, "/Feedback/New", form, FeedbackWebKit.Problem("KMS-ACME"), files);
        var resent = await PostAsync(customer, "/Feedback/New", form, FeedbackWebKit.Problem("KMS-ACME"), files);
        var id = FeedbackWebKit.IdFrom(sent);
        Assert.Equal(id, FeedbackWebKit.IdFrom(resent));
        Assert.Equal(1L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_requests"));
        Assert.Equal(2L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_attachments"));
        Assert.Equal(2, kit.StoredFiles());

        var reply = await FormAsync(customer, $"/Feedback/Reply/{id}");
        var replyFields = new Dictionary<string, string> { ["Text"] = "Here is the trace." };
        var replied = await PostAsync(customer, $"/Feedback/Reply/{id}", reply, replyFields, ("trace.txt", [6]));
        var repliedAgain = await PostAsync(customer, $"/Feedback/Reply/{id}", reply, replyFields, ("trace.txt", [6]));
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        Assert.Equal(replied.Headers.Location, repliedAgain.Headers.Location);
        Assert.Equal(1L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_events WHERE body = 'Here is the trace.'"));
        Assert.Equal(3L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_attachments"));
        Assert.Equal(3, kit.StoredFiles());

        var another = await PostAsync(customer, "/Feedback/New", await FormAsync(customer, "/Feedback/New"), FeedbackWebKit.Problem("KMS-ACME"), files);
        Assert.NotEqual(id, FeedbackWebKit.IdFrom(another));
        Assert.Equal(2L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_requests"));
        Assert.Equal(5, kit.StoredFiles());
    }

    private static async Task<(string Token, string UploadKey)> FormAsync(HttpClient browser, string url)
    {
        var page = Parser.ParseDocument(await (await browser.GetAsync(url)).Content.ReadAsStringAsync());
        string Field(string name) => page.QuerySelector($"form[enctype='multipart/form-data'] input[name={name}]")!.GetAttribute("value")!;
        return (Field("__RequestVerificationToken"), Field("UploadKey"));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string url, (string Token, string UploadKey) form,
        Dictionary<string, string> fields, params (string Name, byte[] Bytes)[] files)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.Token), "__RequestVerificationToken" },
            { new StringContent(form.UploadKey), "UploadKey" },
        };
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        foreach (var (name, bytes) in files) content.Add(new ByteArrayContent(bytes), "attachments", name);
        return await browser.PostAsync(url, content);
    }
}
