using System.Net;
using System.Text.RegularExpressions;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

public sealed class SubmittingTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ACoveredProblemGetsAReferenceADueTimeAConfirmationEmailAndItsAttachment(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");

        var form = await customer.GetDocumentAsync("/Feedback/New");
        Assert.Contains("系统瘫痪", form.QuerySelector("label[for=severity-1]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 小时内响应", form.QuerySelector("[data-testid=target-1]")!.TextContent, StringComparison.Ordinal);

        var response = await FeedbackWebKit.SubmitAsync(customer, FeedbackWebKit.Problem("KMS-ACME"), ("截图 一.png", [1, 2, 3]));
        var id = FeedbackWebKit.IdFrom(response);
        var page = await customer.GetDocumentAsync($"/Feedback/Request/{id}");

        var reference = page.QuerySelector("[data-testid=reference]")!.TextContent;
        Assert.Matches(new Regex(@"^FB-\d{4}-000001$"), reference);
        Assert.Contains(reference, page.QuerySelector("[data-testid=notice]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=not-covered]"));
        Assert.NotNull(page.QuerySelector("[data-testid=respond-due] time"));
        Assert.Equal("<p><strong>Nothing</strong> works since 9:00.</p>", page.QuerySelector("[data-testid=description]")!.InnerHtml.Trim());
        var link = page.QuerySelector("[data-testid=attachments] a")!.GetAttribute("href")!;
        var file = await customer.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("application/octet-stream", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(new byte[] { 1, 2, 3 }, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_requests WHERE respond_due_at IS NOT NULL AND covered = @True", new { True = true }));
        Assert.Contains(await kit.OutboxPayloadsAsync(), p => p.Contains("feedback.submitted", StringComparison.Ordinal) && p.Contains(reference, StringComparison.Ordinal));

        var second = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, FeedbackWebKit.Problem("KMS-ACME", "Second")));
        Assert.EndsWith("-000002", (await customer.GetDocumentAsync($"/Feedback/Request/{second}")).QuerySelector("[data-testid=reference]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WithoutAServicePeriodTheRequestIsAcceptedWithNoDueTimeAndARenewalLink(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME", covered: false);

        var id = FeedbackWebKit.IdFrom(await FeedbackWebKit.SubmitAsync(customer, FeedbackWebKit.Problem("KMS-ACME")));
        var page = await customer.GetDocumentAsync($"/Feedback/Request/{id}");

        Assert.NotNull(page.QuerySelector("[data-testid=not-covered]"));
        Assert.Contains("/Contracts/MyService/RequestRenewal", page.QuerySelector("[data-testid=renew]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=respond-due] time"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_requests WHERE respond_due_at IS NOT NULL OR next_due_at IS NOT NULL"));
        Assert.Contains(await kit.OutboxPayloadsAsync(), p => p.Contains("RequestRenewal", StringComparison.Ordinal) || p.Contains("/Contracts/MyService", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadInputIsRefusedWithAClearMessageAndNothingIsStored(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider, new Dictionary<string, string?> { ["Feedback:MaxAttachmentBytes"] = "1000" });
        var (_, customer) = await kit.CustomerAsync("ACME");
        await kit.CustomerAsync("OTHER");

        var cases = new (Dictionary<string, string> Fields, (string, byte[])[] Files, string Message, HttpStatusCode Status)[]
        {
            (With(f => f["Input.Title"] = "  "), [("log.txt", [1])], "请填写标题。", HttpStatusCode.OK),
            (With(f => f["Input.Title"] = new string('x', 201)), [], "标题最多 200 个字符。", HttpStatusCode.OK),
            (With(f => f["Input.Description"] = ""), [], "请填写问题描述。", HttpStatusCode.OK),
            (With(f => f["Input.Installation"] = "KMS-OTHER|8.5.2"), [("log.txt", [1])], "请选择贵单位已安装的产品。", HttpStatusCode.OK),
            (With(f => f.Remove("Input.Severity")), [], "请选择严重级别。", HttpStatusCode.OK),
            (With(f => f["Input.ContactPhone"] = "<script>"), [], "电话号码只能包含", HttpStatusCode.OK),
            (With(_ => { }), [("ok.txt", [1]), ("virus.exe", [1])], "不能上传 virus.exe", HttpStatusCode.OK),
            (With(_ => { }), [("ok.txt", [1]), ("big.log", new byte[1001])], "附件 big.log 超过了", HttpStatusCode.RequestEntityTooLarge),
        };
        foreach (var (fields, files, message, status) in cases)
        {
            var response = await FeedbackWebKit.SubmitAsync(customer, fields, files);
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_requests"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_attachments"));
        Assert.Equal(0, kit.StoredFiles());

        static Dictionary<string, string> With(Action<Dictionary<string, string>> change)
        {
            var fields = FeedbackWebKit.Problem("KMS-ACME");
            change(fields);
            return fields;
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PreviewRendersSafeMarkdownAndStoresNothing(string provider)
    {
        await using var kit = await FeedbackWebKit.StartAsync(provider);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var fields = FeedbackWebKit.Problem("KMS-ACME");
        fields["Input.Description"] = "**bold** <script>alert(1)</script> [x](javascript:alert(1))";
        fields["preview"] = "1";

        var response = await FeedbackWebKit.SubmitAsync(customer, fields, ("log.txt", [1]));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.Ordinal);
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_requests"));
        Assert.Equal(0, kit.StoredFiles());
    }
}
