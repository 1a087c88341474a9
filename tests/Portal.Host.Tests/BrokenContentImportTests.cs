using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Host.Tests;

/// <summary>`Portal.Host import` of a content folder of broken files: every bad file is an error in the
/// author's terms and is skipped, every file the import does not read is listed with why, and nothing of
/// the broken files reaches the database.</summary>
public sealed class BrokenContentImportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portal-broken-content-").FullName;

    private const string Article = "---\ntitle: {0}\ntype: faq\ncategory: 测试\nvisibility: public\n---\n正文\n";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_broken_file_is_an_error_and_every_file_not_read_is_listed_as_ignored(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Write("products.yaml", "- code: BRK\n  name: { zh: 第一份, en: First copy }\n- code: BRK\n  name: { zh: 第二份, en: Second copy }\n");
        Write("knowledge/zh/good-article.md", string.Format(null, Article, "顶层文章"));
        Write("knowledge/zh/sub/good-article.md", string.Format(null, Article, "子文件夹里的同名文章"));
        Write("knowledge/zh/latin1.md", Encoding.Latin1.GetBytes(string.Format(null, Article, "Caf\u00e9")));
        Write("knowledge/zh/diagram.png", [0x89, 0x50, 0x4E, 0x47]);
        Write("training/courses.yaml", "- code: BRK-101\n  title: { zh: 课程, en: Course\n  product: BRK\n");
        Write("demo/organizations.yaml", "organizations: []\n");
        Write("downloads/BRK/1.0.0/release.yaml", "title: { zh: 工具, en: Tool }\nkind: tool\npublic: true\nfiles: [tool.zip]\n");
        Write("downloads/BRK/1.0.0/tool.zip", [1, 2, 3]);
        Write("downloads/BRK/1.0.0/old-tool.zip", [4, 5, 6]);
        Write("notes.txt", "what I meant to do");
        Write(".git/config", "[core]\n");

        var run = await HostProcess.RunAsync(database, "import", folder);
        output.WriteLine(run.Output);

        Assert.True(run.ExitCode == 2, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "error: knowledge/zh/latin1.md: not valid UTF-8 at byte 14; the file is skipped (save it as UTF-8)",
                "error: products.yaml:3: product BRK is already listed on line 1; this copy is skipped",
                "error: training/courses.yaml:2: column 10: the value that starts here is not valid YAML (check that brackets and quotes are closed, and the indentation)",
            ],
            lines.Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                "ignored: notes.txt (not part of the content format, see docs/content-format.md)",
                "ignored: .git/ (hidden, not read)",
                "ignored: demo/organizations.yaml (demo data, imported only in demo mode)",
                "ignored: downloads/BRK/1.0.0/old-tool.zip (no release.yaml in downloads/BRK/1.0.0/ lists it)",
                "ignored: knowledge/zh/diagram.png (knowledge/zh/ holds only .md files)",
                "ignored: knowledge/zh/sub/good-article.md (subfolders of knowledge/zh/ are not read)",
            ],
            lines.Where(l => l.StartsWith("ignored: ", StringComparison.Ordinal)));
        Assert.DoesNotContain("System.", run.Output, StringComparison.Ordinal);

        Assert.Equal("First copy", await ScalarAsync<string>(database, "SELECT name_en FROM sc_products WHERE code = 'BRK'"));
        Assert.Equal(["good-article 顶层文章"], await ListAsync(database, "SELECT slug || ' ' || title FROM kb_articles WHERE lang = 'zh'"));
        Assert.Equal(0, await ScalarAsync<long>(database, "SELECT COUNT(*) FROM kb_articles WHERE slug = 'latin1'"));
        Assert.Equal(0, await ScalarAsync<long>(database, "SELECT COUNT(*) FROM tr_courses"));
        Assert.Equal(["tool.zip"], await ListAsync(database, "SELECT file_name FROM dl_files WHERE deleted_at IS NULL"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    private void Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private static async Task<T> ScalarAsync<T>(TestDatabase database, string sql)
    {
        await using var services = await TestServices.BuildAsync(database);
        await using var c = await services.GetRequiredService<IDb>().OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql))!;
    }

    private static async Task<List<string>> ListAsync(TestDatabase database, string sql)
    {
        await using var services = await TestServices.BuildAsync(database);
        await using var c = await services.GetRequiredService<IDb>().OpenAsync();
        return [.. await c.QueryAsync<string>(sql)];
    }
}
