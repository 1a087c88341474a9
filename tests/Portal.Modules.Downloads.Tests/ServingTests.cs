using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Downloads.Tests;

public sealed class ServingTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly string[] Columns = ["patch", "minor", "medium", "major", "manual"];

    /// <summary>Rows: covered (no major upgrades), expired, none; columns as <see cref="Columns"/>.
    /// "ok" or the refusal reason the page names. Everyone with a contract has 8.5.1 installed.</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["covered"] = ["ok", "ok", "ok", "MajorUpgradeNotIncluded", "ok"],
        ["expired"] = ["Expired", "Expired", "Expired", "Expired", "ok"],
        ["none"] = ["NoContract", "NoContract", "NoContract", "NoContract", "NotInstalled"],
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Entitlement_matrix_through_the_download_endpoint(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        var product = await kit.ProductAsync("KMS", "8.5.1", "8.5.2", "8.5.3", "8.6.0", "9.0.0");
        var files = new Dictionary<string, (long File, byte[] Bytes)>();
        foreach (var (column, version, kind, seed) in new[]
        {
            ("patch", "8.5.2", "patch", 1), ("minor", "8.5.3", "upgrade", 2), ("medium", "8.6.0", "upgrade", 3),
            ("major", "9.0.0", "upgrade", 4), ("manual", "8.5.1", "manual", 5),
        })
        {
            var bytes = DownloadsWebKit.Bytes(1000 + seed, seed);
            files[column] = ((await kit.ReleaseAsync("KMS", version, kind, bytes)).File, bytes);
        }
        var today = DownloadsWebKit.Today;
        var expiredOn = today.AddDays(-40);
        var (covered, coveredBrowser) = await kit.CustomerAsync("COVERED");
        await kit.InstallAsync(covered, product, "8.5.1");
        await kit.PeriodAsync(covered, product, today.AddDays(-100), today.AddDays(265));
        var (expired, expiredBrowser) = await kit.CustomerAsync("EXPIRED");
        await kit.InstallAsync(expired, product, "8.5.1");
        await kit.PeriodAsync(expired, product, expiredOn.AddDays(-364), expiredOn);
        var (_, noneBrowser) = await kit.CustomerAsync("NONE");
        var browsers = new Dictionary<string, HttpClient> { ["covered"] = coveredBrowser, ["expired"] = expiredBrowser, ["none"] = noneBrowser };

        var actual = new List<string>();
        var wanted = new List<string>();
        foreach (var (row, browser) in browsers)
        {
            for (var i = 0; i < Columns.Length; i++)
            {
                var (file, bytes) = files[Columns[i]];
                var response = await browser.GetAsync($"/Downloads/File/{file}");
                var body = await response.Content.ReadAsByteArrayAsync();
                string outcome;
                if (response.StatusCode == HttpStatusCode.OK && body.SequenceEqual(bytes))
                {
                    outcome = "ok";
                }
                else
                {
                    Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                    Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                    var page = new HtmlParser().ParseDocument(System.Text.Encoding.UTF8.GetString(body));
                    outcome = page.QuerySelector("[data-testid=refusal]")?.GetAttribute("data-reason") ?? "no reason shown";
                    if (outcome == "Expired") Assert.Contains(DownloadsWebKit.Date(expiredOn), page.QuerySelector("[data-testid=refusal]")!.TextContent, StringComparison.Ordinal);
                    if (outcome is "Expired" or "MajorUpgradeNotIncluded")
                        Assert.EndsWith($"productId={product}", page.QuerySelector("[data-testid=renew]")?.GetAttribute("href"), StringComparison.Ordinal);
                }
                actual.Add($"{row} × {Columns[i]}: {outcome}");
                wanted.Add($"{row} × {Columns[i]}: {Expected[row][i]}");
            }
        }
        Assert.Equal(wanted, actual);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Public_releases_download_anonymously_others_ask_to_sign_in_and_drafts_are_hidden(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "9.0.0");
        var manual = DownloadsWebKit.Bytes(300);
        var (_, publicFile) = await kit.ReleaseAsync("KMS", "9.0.0", "manual", manual, "KMS-9.0-安装手册.pdf", isPublic: true);
        var (_, privateFile) = await kit.ReleaseAsync("KMS", "9.0.0", "tool", DownloadsWebKit.Bytes(10));
        var (_, draftFile) = await kit.ReleaseAsync("KMS", "9.0.0", "media", DownloadsWebKit.Bytes(10), published: false);
        var anonymous = kit.App.Browser();
        var (_, customer) = await kit.CustomerAsync("ACME");
        var staff = await kit.StaffAsync();

        Assert.Equal(manual, await anonymous.GetByteArrayAsync($"/Downloads/File/{publicFile}"));
        var signIn = await anonymous.GetAsync($"/Downloads/File/{privateFile}");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/Account/SignIn", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/Downloads/File/{draftFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Downloads/File/{draftFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/Downloads/File/{draftFile}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Headers_make_every_file_an_attachment_with_its_UTF8_name_checksum_and_dates(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "9.0.0");
        var bytes = DownloadsWebKit.Bytes(5000);
        var (_, file) = await kit.ReleaseAsync("KMS", "9.0.0", "manual", bytes, "KMS 9.0 安装手册.html", isPublic: true);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var response = await kit.App.Browser().GetAsync($"/Downloads/File/{file}/{Uri.EscapeDataString("KMS 9.0 安装手册.html")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync())));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("KMS 9.0 安装手册.html", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''KMS%209.0%20%E5%AE%89%E8%A3%85%E6%89%8B%E5%86%8C.html", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal($"\"{sha}\"", response.Headers.ETag!.Tag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());

        var notModified = new HttpRequestMessage(HttpMethod.Get, $"/Downloads/File/{file}");
        notModified.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{sha}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await kit.App.Browser().SendAsync(notModified)).StatusCode);

        // A conditional GET that still gets the whole file takes the other path (FileStreamResult): same headers, same bytes.
        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/Downloads/File/{file}");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        var other = await kit.App.Browser().SendAsync(conditional);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(bytes, await other.Content.ReadAsByteArrayAsync());
        foreach (var header in new[] { "Content-Type", "Content-Length", "Content-Disposition", "Last-Modified" })
            Assert.Equal(response.Content.Headers.GetValues(header), other.Content.Headers.GetValues(header));
        foreach (var header in new[] { "ETag", "Accept-Ranges", "X-Content-Type-Options" })
            Assert.Equal(response.Headers.GetValues(header), other.Headers.GetValues(header));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_file_of_several_chunks_arrives_whole(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "9.0.0");
        var bytes = DownloadsWebKit.Bytes((5 << 19) + 17);
        var (_, file) = await kit.ReleaseAsync("KMS", "9.0.0", "manual", bytes, isPublic: true);

        var response = await kit.App.Browser().GetAsync($"/Downloads/File/{file}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ranges_serve_the_requested_bytes_and_refuse_unsatisfiable_ones(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "9.0.0");
        var bytes = DownloadsWebKit.Bytes(10_000);
        var (_, file) = await kit.ReleaseAsync("KMS", "9.0.0", "manual", bytes, isPublic: true);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"";
        var browser = kit.App.Browser();

        async Task<HttpResponseMessage> Get(string range, string? ifRange = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/Downloads/File/{file}");
            request.Headers.TryAddWithoutValidation("Range", range);
            if (ifRange is not null) request.Headers.TryAddWithoutValidation("If-Range", ifRange);
            return await browser.SendAsync(request);
        }

        var first = await Get("bytes=0-99");
        Assert.Equal(HttpStatusCode.PartialContent, first.StatusCode);
        Assert.Equal("bytes 0-99/10000", first.Content.Headers.ContentRange!.ToString());
        Assert.Equal(bytes[..100], await first.Content.ReadAsByteArrayAsync());

        var resume = await Get("bytes=9000-");
        Assert.Equal(HttpStatusCode.PartialContent, resume.StatusCode);
        Assert.Equal(bytes[9000..], await resume.Content.ReadAsByteArrayAsync());

        var suffix = await Get("bytes=-16");
        Assert.Equal(HttpStatusCode.PartialContent, suffix.StatusCode);
        Assert.Equal(bytes[^16..], await suffix.Content.ReadAsByteArrayAsync());

        var unsatisfiable = await Get("bytes=10000-10010");
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal("bytes */10000", unsatisfiable.Content.Headers.ContentRange!.ToString());
        Assert.Empty(await unsatisfiable.Content.ReadAsByteArrayAsync());

        // Several ranges in one request are not supported (no multipart/byteranges): the whole file.
        var multiple = await Get("bytes=0-1,5-6");
        Assert.Equal(HttpStatusCode.OK, multiple.StatusCode);
        Assert.Equal(bytes, await multiple.Content.ReadAsByteArrayAsync());

        var sameVersion = await Get("bytes=100-199", etag);
        Assert.Equal(HttpStatusCode.PartialContent, sameVersion.StatusCode);
        Assert.Equal(bytes[100..200], await sameVersion.Content.ReadAsByteArrayAsync());

        var otherVersion = await Get("bytes=100-199", "\"0000\"");
        Assert.Equal(HttpStatusCode.OK, otherVersion.StatusCode);
        Assert.Equal(bytes, await otherVersion.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Odd_ids_and_names_are_not_found_and_nothing_outside_the_store_is_served(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "9.0.0");
        var (_, file) = await kit.ReleaseAsync("KMS", "9.0.0", "manual", DownloadsWebKit.Bytes(50), "手册.pdf", isPublic: true);
        var secret = "do not serve " + Guid.NewGuid();
        await File.WriteAllTextAsync(Path.Combine(kit.App.Database.DataPath, "secret.txt"), secret);
        var browser = kit.App.Browser();
        string[] urls =
        [
            "/Downloads/File/abc", "/Downloads/File/-1", "/Downloads/File/0", "/Downloads/File/99999999999999999999", "/Downloads/File/1.5",
            $"/Downloads/File/{file + 1000}", $"/Downloads/File/{file}/..%2F..%2Fsecret.txt", $"/Downloads/File/{file}/%2e%2e%2fsecret.txt",
            $"/Downloads/File/{file}/..%5Csecret.txt", $"/Downloads/File/{file}/%2Fetc%2Fpasswd", $"/Downloads/File/{file}/C:%5Cwindows%5Cwin.ini",
            $"/Downloads/File/{file}/a%0D%0ASet-Cookie:%20x=1", $"/Downloads/File/{file}/" + new string('a', 4000),
            $"/Downloads/File/{file}/手册.PDF", "/Downloads/File/..%2F..%2Fsecret.txt",
        ];

        foreach (var url in urls)
        {
            var response = await browser.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("x=", StringComparison.Ordinal)), url);
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Downloads/File/{file}/{Uri.EscapeDataString("手册.pdf")}")).StatusCode);

        // A NUL in the path never reaches the page (Kestrel answers 400, the test server refuses to send it);
        // the page's own check is asked directly.
        await Assert.ThrowsAsync<InvalidOperationException>(() => browser.GetAsync($"/Downloads/File/{file}/%E6%89%8B%E5%86%8C.pdf%00"));
        await using var scope = kit.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(
            new Areas.Downloads.Pages.FileModel.Query(new System.Security.Claims.ClaimsPrincipal(), file, "手册.pdf\0"));
        Assert.Equal(Access.AccessOutcome.NotFound, result.Outcome);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Each_download_is_logged_with_user_organisation_and_bytes_sent(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        var product = await kit.ProductAsync("KMS", "8.5.1", "8.5.2");
        var bytes = DownloadsWebKit.Bytes(4096);
        var (release, file) = await kit.ReleaseAsync("KMS", "8.5.2", "patch", bytes);
        var (organisation, customer) = await kit.CustomerAsync("ACME");
        await kit.PeriodAsync(organisation, product, DownloadsWebKit.Today.AddDays(-10), DownloadsWebKit.Today.AddDays(300));

        Assert.Equal(bytes, await customer.GetByteArrayAsync($"/Downloads/File/{file}"));
        var partial = new HttpRequestMessage(HttpMethod.Get, $"/Downloads/File/{file}");
        partial.Headers.Range = new RangeHeaderValue(0, 99);
        Assert.Equal(HttpStatusCode.PartialContent, (await customer.SendAsync(partial)).StatusCode);

        var logged = new List<(long, long, long, long)>();
        for (var attempt = 0; attempt < 50 && logged.Count < 2; attempt++)
        {
            await Task.Delay(100);
            await using var c = await kit.Db.OpenAsync();
            logged = [.. await Dapper.SqlMapper.QueryAsync<(long, long, long, long)>(c,
                "SELECT release_id, organisation_id, bytes, user_id FROM dl_download_log WHERE file_id = @file ORDER BY id", new { file })];
        }
        Assert.Equal(2, logged.Count);
        Assert.Equal((release, organisation, 4096L), (logged[0].Item1, logged[0].Item2, logged[0].Item3));
        Assert.Equal(100L, logged[1].Item3);
        Assert.True(logged[0].Item4 > 0);
    }
}
