using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Portal.Modules.Core.Security;
using Portal.Modules.Notifications.Contracts;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Downloads.Tests;

public sealed class PublishingTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static Dictionary<string, string> ReleaseForm(string version = "8.5.2") => new()
    {
        ["Input.ProductCode"] = "KMS", ["Input.Version"] = version, ["Input.Kind"] = "patch", ["Input.Severity"] = "critical",
        ["Input.TitleZh"] = "KMS 8.5.2 紧急补丁", ["Input.TitleEn"] = "KMS 8.5.2 hotfix", ["Input.NotesZh"] = "修复", ["Input.NotesEn"] = "Fixes",
        ["Input.AppliesTo"] = ">=8.5.0 <8.5.2",
    };

    internal static long IdFrom(HttpResponseMessage response) =>
        long.Parse(response.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

    internal static int StoredFiles(DownloadsWebKit kit)
    {
        var root = Path.Combine(kit.App.Database.DataPath, "files");
        // Stored files only: not the node leases in .nodes/.
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count(f => !f.Contains("/.nodes/", StringComparison.Ordinal)) : 0;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Staff_create_upload_and_publish_and_customers_with_the_product_installed_are_emailed_once(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        var kms = await kit.ProductAsync("KMS", "8.5.0", "8.5.2");
        var staff = await kit.StaffAsync();
        var (installed, customer) = await kit.CustomerAsync("ACME");
        await kit.InstallAsync(installed, kms, "8.5.0");
        await kit.PeriodAsync(installed, kms, DownloadsWebKit.Today.AddDays(-5), DownloadsWebKit.Today.AddDays(300));
        await kit.App.CreateUserAsync("second@acme.example", DownloadsWebKit.Password, PortalRoles.Customer, installed, language: "en");
        await kit.CustomerAsync("OTHER");

        var created = await staff.PostFormAsync("/Downloads/Manage/Edit", ReleaseForm());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var release = IdFrom(created);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/Downloads/Release/{release}")).StatusCode);
        var bytes = DownloadsWebKit.Bytes(300_000);
        var uploaded = await staff.PostFileAsync($"/Downloads/Manage/Upload/{release}", "file", "KMS 补丁 8.5.2.zip", bytes);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var published = await staff.PostFormAsync($"/Downloads/Manage/Edit/{release}?handler=Publish", [], $"/Downloads/Manage/Edit/{release}");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var page = await customer.GetDocumentAsync($"/Downloads/Release/{release}");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), page.QuerySelector("[data-testid=sha256]")!.TextContent);
        var link = page.QuerySelector("[data-testid=download]")!.GetAttribute("href")!;
        Assert.Equal(bytes, await customer.GetByteArrayAsync(link));
        var updates = await customer.GetDocumentAsync("/Downloads/Updates");
        Assert.Contains(updates.QuerySelectorAll("[data-testid=update]"), u => u.GetAttribute("data-release") == release.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var emails = await EmailsAsync(kit, 2);
        Assert.Equal(["acme@customer.example", "second@acme.example"], emails.Select(e => e.To).Order(StringComparer.Ordinal));
        Assert.Contains(emails, e => e.Language == "en" && e.Values["title"] == "KMS 8.5.2 hotfix" && e.Values["link"].EndsWith($"/Downloads/Release/{release}", StringComparison.Ordinal));

        await staff.PostFormAsync($"/Downloads/Manage/Edit/{release}?handler=Unpublish", [], $"/Downloads/Manage/Edit/{release}");
        await staff.PostFormAsync($"/Downloads/Manage/Edit/{release}?handler=Publish", [], $"/Downloads/Manage/Edit/{release}");
        await Task.Delay(1000);
        Assert.Equal(2, (await EmailsAsync(kit, 2)).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_customer_who_turned_release_emails_off_gets_none(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        var kms = await kit.ProductAsync("KMS", "8.5.0", "8.5.2");
        var staff = await kit.StaffAsync();
        var (organisation, quiet) = await kit.CustomerAsync("ACME");
        await kit.InstallAsync(organisation, kms, "8.5.0");
        await kit.App.CreateUserAsync("second@acme.example", DownloadsWebKit.Password, PortalRoles.Customer, organisation);

        Assert.Equal(HttpStatusCode.Redirect, (await quiet.PostFormAsync("/Downloads/Emails", new() { ["subscribe"] = "false" })).StatusCode);
        Assert.Equal("false", (await quiet.GetDocumentAsync("/Downloads/Emails")).QuerySelector("[data-testid=state]")!.GetAttribute("data-subscribed"));
        var (release, _) = await kit.ReleaseAsync("KMS", "8.5.2", "patch", [1], published: false);
        await staff.PostFormAsync($"/Downloads/Manage/Edit/{release}?handler=Publish", [], $"/Downloads/Manage/Edit/{release}");

        var emails = await EmailsAsync(kit, 1);
        await Task.Delay(500);
        Assert.Equal(["second@acme.example"], (await EmailsAsync(kit, 1)).Select(e => e.To));
        Assert.EndsWith("/Downloads/Emails", emails[0].Values["settings"], StringComparison.Ordinal);
        await quiet.PostFormAsync("/Downloads/Emails", new() { ["subscribe"] = "true" });
        Assert.Equal("true", (await quiet.GetDocumentAsync("/Downloads/Emails")).QuerySelector("[data-testid=state]")!.GetAttribute("data-subscribed"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Editing_saves_changes_and_a_stale_form_is_refused_as_a_conflict(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "8.5.2");
        var staff = await kit.StaffAsync();
        var release = IdFrom(await staff.PostFormAsync("/Downloads/Manage/Edit", ReleaseForm()));
        var rowVersion = (await staff.GetDocumentAsync($"/Downloads/Manage/Edit/{release}")).QuerySelector("#Input_RowVersion")!.GetAttribute("value")!;
        var form = ReleaseForm();
        form["Input.RowVersion"] = rowVersion;
        form["Input.TitleEn"] = "KMS 8.5.2 hotfix, second edition";

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/Downloads/Manage/Edit/{release}", new(form))).StatusCode);
        Assert.Equal("KMS 8.5.2 hotfix, second edition", await kit.ScalarAsync<string>("SELECT title_en FROM dl_releases WHERE id = @release", new { release }));

        form["Input.TitleEn"] = "lost update";
        var stale = await staff.PostFormAsync($"/Downloads/Manage/Edit/{release}", form);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("其他人修改了此发布", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("KMS 8.5.2 hotfix, second edition", await kit.ScalarAsync<string>("SELECT title_en FROM dl_releases WHERE id = @release", new { release }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_invalid_release_is_shown_again_with_its_errors_and_nothing_is_saved(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "8.5.2");
        var staff = await kit.StaffAsync();
        var form = ReleaseForm();
        form["Input.Severity"] = "";
        form["Input.AppliesTo"] = ">=9 <8";
        form["Input.Version"] = "8.x";

        var response = await staff.PostFormAsync("/Downloads/Manage/Edit", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent;
        Assert.Contains("补丁需要选择严重程度", errors, StringComparison.Ordinal);
        Assert.Contains("适用版本不是有效的版本范围", errors, StringComparison.Ordinal);
        Assert.Contains("请输入版本号", errors, StringComparison.Ordinal);
        Assert.Equal(0L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM dl_releases"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Replacing_a_file_keeps_the_old_one_as_replaced_and_deleting_removes_its_bytes(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "8.5.2");
        var staff = await kit.StaffAsync();
        var (release, first) = await kit.ReleaseAsync("KMS", "8.5.2", "tool", DownloadsWebKit.Bytes(100, 1), "tool.zip");

        var replaced = await staff.PostFileAsync($"/Downloads/Manage/Upload/{release}?replaces={first}", "file", "tool-v2.zip", DownloadsWebKit.Bytes(200, 2));

        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var current = await kit.ScalarAsync<long>("SELECT id FROM dl_files WHERE release_id = @release AND replaced_by IS NULL AND deleted_at IS NULL", new { release });
        Assert.Equal(current, await kit.ScalarAsync<long>("SELECT replaced_by FROM dl_files WHERE id = @first", new { first }));
        Assert.Equal(2, StoredFiles(kit));
        Assert.Equal(HttpStatusCode.NotFound, (await kit.App.Browser().GetAsync($"/Downloads/File/{first}")).StatusCode);

        var deleted = await staff.PostFormAsync($"/Downloads/Manage/Edit/{release}?handler=DeleteFile&fileId={current}", [], $"/Downloads/Manage/Edit/{release}");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(1, StoredFiles(kit));
        Assert.Equal(0L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM dl_files WHERE release_id = @release AND replaced_by IS NULL AND deleted_at IS NULL", new { release }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Uploads_without_token_too_large_or_interrupted_leave_no_row_and_no_file(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider, new Dictionary<string, string?> { ["Downloads:MaxUploadBytes"] = "100000" });
        await kit.ProductAsync("KMS", "8.5.2");
        var staff = await kit.StaffAsync();
        var (release, _) = await kit.ReleaseAsync("KMS", "8.5.2", "tool", [1], published: false);
        var (_, customer) = await kit.CustomerAsync("ACME");
        var before = StoredFiles(kit);

        using (var noToken = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.zip" } })
            Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsync($"/Downloads/Manage/Upload/{release}", noToken)).StatusCode);
        var tooLarge = await staff.PostFileAsync($"/Downloads/Manage/Upload/{release}", "file", "big.zip", DownloadsWebKit.Bytes(100_001));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.NotNull((await kit.App.Browser().GetDocumentAsync("/")).Body);
        var refused = await customer.GetAsync($"/Downloads/Manage/Upload/{release}");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        var token = (await staff.GetDocumentAsync($"/Downloads/Manage/Upload/{release}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var dropped = new CancellationTokenSource();
        using var interrupted = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StreamContent(new FailingStream(50_000, dropped)), "file", "cut.zip" },
        };
        await Assert.ThrowsAnyAsync<Exception>(() => staff.PostAsync($"/Downloads/Manage/Upload/{release}", interrupted, dropped.Token));

        var root = Path.Combine(kit.App.Database.DataPath, "files");
        for (var i = 0; i < 50 && Directory.Exists(root) && Directory.EnumerateFiles(root, "*.tmp", SearchOption.AllDirectories).Any(); i++) await Task.Delay(100);
        Assert.Equal(before, StoredFiles(kit));
        Assert.Equal(1L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM dl_files"));
    }

    private static async Task<List<EmailRequested>> EmailsAsync(DownloadsWebKit kit, int expected)
    {
        var emails = new List<EmailRequested>();
        for (var attempt = 0; attempt < 100 && emails.Count < expected; attempt++)
        {
            if (attempt > 0) await Task.Delay(100);
            await using var c = await kit.Db.OpenAsync();
            var payloads = await c.QueryAsync<string>("SELECT payload FROM outbox WHERE event_type = @Type ORDER BY id", new { Type = typeof(EmailRequested).FullName });
            emails = [.. payloads.Select(p => JsonSerializer.Deserialize<EmailRequested>(p, new JsonSerializerOptions(JsonSerializerDefaults.Web))!)
                .Where(e => e.Template == "downloads.release-published")];
        }
        return emails;
    }

    /// <summary>A request body that breaks off after some bytes and aborts the request, as a dropped connection does.</summary>
    private sealed class FailingStream(int failAfter, CancellationTokenSource connection) : Stream
    {
        private int sent;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => sent; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (sent >= failAfter)
            {
                connection.Cancel();
                throw new IOException("connection lost");
            }
            var n = Math.Min(count, failAfter - sent);
            Array.Fill(buffer, (byte)7, offset, n);
            sent += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class ReportTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_report_counts_downloads_per_release_and_per_day(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "8.5.2", "9.0.0");
        var (patch, patchFile) = await kit.ReleaseAsync("KMS", "8.5.2", "patch", [1]);
        var (manual, manualFile) = await kit.ReleaseAsync("KMS", "9.0.0", "manual", [1]);
        var now = DateTimeOffset.UtcNow;
        foreach (var (file, release, org, at) in new[]
        {
            (patchFile, patch, 1L, now), (patchFile, patch, 2L, now.AddDays(-1)), (patchFile, patch, 2L, now.AddDays(-2)),
            (manualFile, manual, 1L, now), (manualFile, manual, 1L, now.AddDays(-60)),
        })
        {
            await kit.ExecuteAsync("INSERT INTO dl_download_log (file_id, release_id, organisation_id, at, bytes) VALUES (@file, @release, @org, @at, 10)",
                new { file, release, org, at });
        }
        var staff = await kit.StaffAsync();

        var page = await staff.GetDocumentAsync("/Downloads/Manage/Report?days=30");

        var rows = page.QuerySelectorAll("[data-testid=totals] tbody tr");
        Assert.Equal([(patch, "3"), (manual, "1")], rows.Select(r => (long.Parse(r.GetAttribute("data-release")!, System.Globalization.CultureInfo.InvariantCulture), r.QuerySelector("[data-testid=count]")!.TextContent)));
        var values = System.Text.Json.JsonSerializer.Deserialize<int[]>(page.QuerySelector("[data-testid=chart]")!.GetAttribute("data-values")!)!;
        Assert.Equal(30, values.Length);
        Assert.Equal(4, values.Sum());
        var one = await staff.GetDocumentAsync($"/Downloads/Manage/Report?days=90&release={manual}");
        Assert.Equal(2, System.Text.Json.JsonSerializer.Deserialize<int[]>(one.QuerySelector("[data-testid=chart]")!.GetAttribute("data-values")!)!.Sum());
        Assert.NotEqual(HttpStatusCode.OK, (await (await kit.CustomerAsync("ACME")).Browser.GetAsync("/Downloads/Manage/Report")).StatusCode);
    }
}
