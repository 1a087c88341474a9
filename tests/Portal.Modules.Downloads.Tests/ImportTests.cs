using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Files;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Downloads.Tests;

public sealed class ImportTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private sealed class Release
    {
        public long Id { get; set; }
        public string ContentKey { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Severity { get; set; }
        public string AppliesTo { get; set; } = "";
        public string Status { get; set; } = "";
        public bool IsPublic { get; set; }
        public string NotesEn { get; set; } = "";
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Shipped_releases_import_with_their_files_and_import_again_changes_nothing(string provider)
    {
        await using var kit = await DownloadsTestKit.StartAsync(provider);
        kit.CopyShippedDownloads();

        var first = await kit.ImportAsync();

        Assert.Empty(first.Errors);
        Assert.Equal(7, first.Counts["releases"]);
        Assert.Equal(7, first.Counts["release files"]);
        var releases = (await kit.QueryAsync<Release>("""
            SELECT id AS Id, content_key AS ContentKey, kind AS Kind, severity AS Severity, applies_to AS AppliesTo, status AS Status,
                   is_public AS IsPublic, notes_en AS NotesEn
            FROM dl_releases ORDER BY content_key
            """)).ToDictionary(r => r.ContentKey);
        var patch = releases["KMS/8.5.2"];
        Assert.Equal(("patch", "important", ">=8.5.0 <8.5.2", "published"), (patch.Kind, patch.Severity, patch.AppliesTo, patch.Status));
        Assert.Contains("Cumulative patch", patch.NotesEn, StringComparison.Ordinal);
        Assert.True(releases["KMS/9.0.0/manual"].IsPublic);
        Assert.Null(releases["KMS/8.6.0"].Severity);
        Assert.Equal(releases["KMS/8.5.1"].Id, await kit.ScalarAsync<long>("SELECT superseded_id FROM dl_supersedes WHERE release_id = @Id", new { patch.Id }));

        var second = await kit.ImportAsync();

        Assert.Empty(second.Errors);
        Assert.Empty(second.Counts);
        Assert.Equal(7L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM dl_files"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Stored_files_match_the_content_files_byte_for_byte_and_checksum(string provider)
    {
        await using var kit = await DownloadsTestKit.StartAsync(provider);
        kit.CopyShippedDownloads();
        await kit.ImportAsync();
        var manual = Path.Combine(kit.Content, "downloads", "KMS", "9.0.0", "manual", "KMS-9.0-安装手册.pdf");
        var expected = await File.ReadAllBytesAsync(manual);

        var (key, size, sha) = (await kit.QueryAsync<(string, long, string)>(
            "SELECT store_key, size, sha256 FROM dl_files WHERE file_name = @Name", new { Name = "KMS-9.0-安装手册.pdf" })).Single();

        Assert.Equal(expected.Length, size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), sha);
        await using var stored = kit.Services.GetRequiredService<IFileStore>().OpenRead(key)!;
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(expected, copy.ToArray());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_changed_file_replaces_the_old_one_and_an_unlisted_file_is_deleted(string provider)
    {
        await using var kit = await DownloadsTestKit.StartAsync(provider);
        kit.Write("downloads/WDS/5.2.0/release.yaml", "title: { zh: 工具, en: Tool }\nkind: tool\nfiles: [a.bin, b.bin]\n");
        kit.Write("downloads/WDS/5.2.0/a.bin", "first");
        kit.Write("downloads/WDS/5.2.0/b.bin", "bee");
        await kit.ImportAsync();
        kit.Write("downloads/WDS/5.2.0/a.bin", "second version");
        kit.Write("downloads/WDS/5.2.0/release.yaml", "title: { zh: 工具, en: Diagnostics tool }\nkind: tool\nfiles: [a.bin]\n");

        var again = await kit.ImportAsync();

        Assert.Empty(again.Errors);
        Assert.Equal(1, again.Counts["releases updated"]);
        Assert.Equal("Diagnostics tool", await kit.ScalarAsync<string>("SELECT title_en FROM dl_releases"));
        Assert.Equal(1, again.Counts["release files replaced"]);
        Assert.Equal(1, again.Counts["release files deleted"]);
        var current = await kit.QueryAsync<(string, long)>("SELECT file_name, size FROM dl_files WHERE replaced_by IS NULL AND deleted_at IS NULL");
        Assert.Equal([("a.bin", 14L)], current);
        Assert.Equal(1L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM dl_files WHERE replaced_by IS NOT NULL"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Invalid_files_are_reported_with_file_and_line_and_the_rest_imports(string provider)
    {
        await using var kit = await DownloadsTestKit.StartAsync(provider);
        kit.Write("downloads/KMS/8.5.2/release.yaml", "title: { zh: 补丁, en: Patch }\nkind: patch\nseverity: important\nfiles: [p.zip]\n");
        kit.Write("downloads/KMS/8.5.2/p.zip", "zip");
        kit.Write("downloads/KMS/8.6.0/release.yaml", "title: { zh: 升级, en: Upgrade }\nkind: upgrade\ncolour: blue\n");
        kit.Write("downloads/KMS/8.5.1/release.yaml", "title: { zh: 补丁, en: Patch }\nkind: patch\n");
        kit.Write("downloads/KMS/8.0.0/release.yaml", "title: { zh: 补丁, en: Patch }\nkind: patch\nseverity: low\nfiles: [../../../products.yaml]\n");
        kit.Write("downloads/KMS/7.2.0/release.yaml", "title: { zh: 手册, en: Manual }\nkind: manual\napplies_to: \">=8.6 <8.0\"\n");
        kit.Write("downloads/NOPE/1.0.0/release.yaml", "title: { zh: 手册, en: Manual }\nkind: manual\n");
        kit.Write("downloads/KMS/8.x/release.yaml", "title: { zh: 手册, en: Manual }\nkind: manual\n");
        kit.Write("downloads/KMS/9.0.0/release.yaml", "title: { zh: 升级, en: Upgrade }\nkind: upgrade\nsupersedes: [8.4.0]\n");

        var import = await kit.ImportAsync();

        Assert.Contains("downloads/KMS/8.6.0/release.yaml:3: unknown key 'colour' (allowed: title, kind, severity, applies_to, published, notes, files, public, supersedes)", import.Errors);
        Assert.Contains(import.Errors, e => e.StartsWith("downloads/KMS/8.5.1/release.yaml:", StringComparison.Ordinal) && e.Contains("needs a severity", StringComparison.Ordinal));
        Assert.Contains(import.Errors, e => e.StartsWith("downloads/KMS/8.0.0/release.yaml:4:", StringComparison.Ordinal) && e.Contains("plain file names only", StringComparison.Ordinal));
        Assert.Contains(import.Errors, e => e.StartsWith("downloads/KMS/7.2.0/release.yaml:3:", StringComparison.Ordinal) && e.Contains("matches no version", StringComparison.Ordinal));
        Assert.Contains(import.Errors, e => e.StartsWith("downloads/NOPE/1.0.0/release.yaml:", StringComparison.Ordinal) && e.Contains("not in products.yaml", StringComparison.Ordinal));
        Assert.Contains(import.Errors, e => e.StartsWith("downloads/KMS/8.x/release.yaml:", StringComparison.Ordinal) && e.Contains("not a version", StringComparison.Ordinal));
        Assert.True(import.Errors.Count == 7, string.Join("\n", import.Errors));
        Assert.Contains("downloads/KMS/9.0.0/release.yaml:3: supersedes '8.4.0', but there is no release in downloads/KMS/8.4.0/", import.Errors);
        Assert.Equal(["KMS/8.5.2", "KMS/9.0.0"], await kit.QueryAsync<string>("SELECT content_key FROM dl_releases ORDER BY content_key"));
        Assert.Equal(1L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM dl_files"));
    }
}
