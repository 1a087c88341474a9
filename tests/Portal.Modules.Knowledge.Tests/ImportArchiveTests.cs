using System.IO.Compression;
using System.Net;
using System.Text;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Knowledge.Tests;

/// <summary>Staff export the articles as a zip and import a zip in the same format from the UI.</summary>
public sealed class ImportArchiveTests
{
    private const string ImportPage = "/Knowledge/Manage/Import";
    private const string PublicFaq = "knowledge/zh/kb-test-public-faq.md";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_edited_export_imports_back_as_the_staff_member_and_an_unchanged_one_changes_nothing(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider);
        var staff = await kit.StaffAsync("editor");
        var export = await staff.GetByteArrayAsync("/Knowledge/Manage/Export");
        var files = Unzip(export);
        Assert.Contains(PublicFaq, files.Keys);
        var revisions = await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_revisions");

        var response = await staff.PostFileAsync(ImportPage, "archive", "export.zip", export);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains($"新建或更新 0 篇文章，{files.Count} 篇未变化", await MessageAfterAsync(staff, response), StringComparison.Ordinal);
        Assert.Equal(revisions, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_revisions"));

        files[PublicFaq] = files[PublicFaq].Replace("测试：如何重置密码", "测试：如何重置密码（修订）", StringComparison.Ordinal);
        files["content/knowledge/en/imported-from-zip.md"] = "---\ntitle: Imported from a zip\ntype: faq\ncategory: Test category\nvisibility: public\n---\nBody.\n";
        response = await staff.PostFileAsync(ImportPage, "archive", "edited.zip", Zip(files));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("新建或更新 2 篇文章", await MessageAfterAsync(staff, response), StringComparison.Ordinal);
        var page = await kit.App.Browser().GetDocumentAsync("/Knowledge/Articles/zh/kb-test-public-faq");
        Assert.Contains("测试：如何重置密码（修订）", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await kit.App.Browser().GetAsync("/Knowledge/Articles/en/imported-from-zip")).StatusCode);
        Assert.StartsWith("editor", await kit.ScalarAsync<string>("""
            SELECT r.created_by_name FROM kb_revisions r JOIN kb_articles a ON a.id = r.article_id
            WHERE a.lang = 'zh' AND a.slug = 'kb-test-public-faq' ORDER BY r.number DESC LIMIT 1
            """), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_archive_with_one_bad_file_imports_nothing_and_names_the_file_and_line(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider);
        var staff = await kit.StaffAsync();
        var revisions = await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_revisions");
        var zip = Zip(new Dictionary<string, string>
        {
            ["knowledge/zh/good-one.md"] = "---\ntitle: 好文件\ntype: faq\ncategory: 测试\nvisibility: public\n---\n正文\n",
            ["knowledge/zh/bad-key.md"] = "---\ntitle: 坏文件\ntype: faq\ncolour: red\ncategory: 测试\nvisibility: public\n---\n正文\n",
            ["knowledge/zh/../../evil.md"] = "---\ntitle: x\n---\n",
            ["readme.txt"] = "ignored",
        });

        var response = await staff.PostFileAsync(ImportPage, "archive", "bad.zip", zip);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var errors = page.QuerySelectorAll("[data-testid=import-errors] li").Select(li => li.TextContent).ToList();
        Assert.Contains(errors, e => e.StartsWith("knowledge/zh/bad-key.md:4:", StringComparison.Ordinal));
        Assert.Contains("未导入任何内容", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(revisions, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_revisions"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_articles WHERE slug IN ('good-one', 'evil')"));

        response = await staff.PostFileAsync(ImportPage, "archive", "notes.zip", Encoding.UTF8.GetBytes("not a zip"));
        Assert.Contains("the file is not a zip archive", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_archive_follows_the_content_import_rules_invalid_utf8_and_a_slug_twice_are_errors_and_unread_entries_are_listed(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider);
        var staff = await kit.StaffAsync();
        var revisions = await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_revisions");
        var good = "---\ntitle: 好文件\ntype: faq\ncategory: 测试\nvisibility: public\n---\n正文\n";
        var zip = Zip(new Dictionary<string, byte[]>
        {
            ["a/knowledge/zh/good-one.md"] = Encoding.UTF8.GetBytes(good),
            ["b/knowledge/zh/good-one.md"] = Encoding.UTF8.GetBytes(good),
            ["knowledge/zh/latin1.md"] = Encoding.Latin1.GetBytes("---\ntitle: Caf\u00e9\ntype: faq\ncategory: x\nvisibility: public\n---\nx\n"),
            ["knowledge/zh/sub/other.md"] = Encoding.UTF8.GetBytes(good),
            ["readme.txt"] = Encoding.UTF8.GetBytes("notes"),
        });

        var response = await staff.PostFileAsync(ImportPage, "archive", "bad.zip", zip);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            [
                "b/knowledge/zh/good-one.md: the slug good-one (zh) is already used by a/knowledge/zh/good-one.md",
                "knowledge/zh/latin1.md: not valid UTF-8 at byte 14 (save it as UTF-8)",
            ],
            page.QuerySelectorAll("[data-testid=import-errors] li").Select(li => li.TextContent));
        Assert.Equal(
            [
                "knowledge/zh/sub/other.md — 位于 knowledge/<语言>/ 的子文件夹中，子文件夹不会被读取",
                "readme.txt — 不是 knowledge/<语言>/<标识>.md 文件",
            ],
            page.QuerySelectorAll("[data-testid=import-ignored] li").Select(li => li.TextContent));
        Assert.Equal(revisions, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_revisions"));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_articles WHERE slug IN ('good-one', 'latin1', 'other')"));

        response = await staff.PostFileAsync(ImportPage, "archive", "good.zip", Zip(new Dictionary<string, byte[]>
        {
            ["knowledge/zh/good-one.md"] = Encoding.UTF8.GetBytes(good),
            [".DS_Store"] = [0, 1, 2],
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("新建或更新 1 篇文章", page.QuerySelector("[data-testid=import-result]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([".DS_Store — 隐藏文件或系统文件"], page.QuerySelectorAll("[data-testid=import-ignored] li").Select(li => li.TextContent));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM kb_articles WHERE lang = 'zh' AND slug = 'good-one'"));
    }

    private static async Task<string> MessageAfterAsync(HttpClient browser, HttpResponseMessage redirect) =>
        (await browser.GetDocumentAsync(redirect.Headers.Location!.OriginalString)).Body!.TextContent;

    private static Dictionary<string, string> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        });
    }

    private static byte[] Zip(IReadOnlyDictionary<string, byte[]> files)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Zip(IReadOnlyDictionary<string, string> files)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }
}
