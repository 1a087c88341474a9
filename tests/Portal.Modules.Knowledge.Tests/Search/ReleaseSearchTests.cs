using Portal.Modules.Knowledge.Search;
using Portal.Testing;
using Xunit;
using static Portal.Modules.Knowledge.Tests.Search.ReleaseSearchFixture;

namespace Portal.Modules.Knowledge.Tests.Search;

/// <summary>Downloads' release notes in search (Lucene engine): found by whoever the download centre
/// lists them to, and kept current as releases are published, edited and withdrawn.</summary>
public sealed class ReleaseSearchTests
{
    public static TheoryData<string> Providers => [.. TestDatabase.Providers];

    private static readonly SearchViewer Acme = SearchViewer.Customer(7);

    private static readonly Downloads.Releases.ReleaseInput Billing = Patch("8.5.2", "计费服务累积补丁", "Cumulative patch for the billing service",
        "修复了发票导出程序中的**内存泄漏**问题。", "Fixes a **memory leak** in the invoice exporter.", isPublic: true);

    private static readonly Downloads.Releases.ReleaseInput Pool = Patch("8.6.1", "数据库连接池安全补丁", "Connection pool security hotfix",
        "仅限签约客户：修正连接池凭据泄露。", "Customers only: fixes the credential disclosure in the connection pool.", isPublic: false, severity: "important");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_release_is_found_by_its_title_and_by_words_only_in_its_notes_in_both_languages(string provider)
    {
        await using var f = await CreateAsync(provider);
        var id = await f.PublishAsync(Billing);
        Assert.Equal(2, await f.Maintainer.ApplyPendingAsync(CancellationToken.None));

        var zhTitle = Assert.Single((await f.FindAsync("累积补丁", SearchViewer.Anonymous)).Hits);
        Assert.Equal($"rel:zh:{id}", zhTitle.Key);
        Assert.Equal(("release", "zh", "ERP", "8.5.2", "critical"), (zhTitle.Type, zhTitle.Lang, zhTitle.Product, zhTitle.Version, zhTitle.Severity));
        Assert.Equal($"/Downloads/Release/{id}", zhTitle.Url);
        Assert.Equal("计费服务累积补丁", zhTitle.Title);

        var zhNotes = Assert.Single((await f.FindAsync("内存泄漏", SearchViewer.Anonymous)).Hits);
        Assert.Equal($"rel:zh:{id}", zhNotes.Key);
        Assert.Contains("<mark>", zhNotes.Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("**", zhNotes.Snippet, StringComparison.Ordinal);

        Assert.Equal([$"rel:en:{id}"], (await f.FindAsync("cumulative billing", SearchViewer.Anonymous)).Hits.Select(h => h.Key));
        var enNotes = Assert.Single((await f.FindAsync("invoice exporter leaks", SearchViewer.Anonymous)).Hits);
        Assert.Equal(($"rel:en:{id}", "8.5.2", "critical"), (enNotes.Key, enNotes.Version, enNotes.Severity));

        var byVersion = await f.FindAsync("8.5.2", SearchViewer.Anonymous);
        Assert.Equal([$"rel:en:{id}", $"rel:zh:{id}"], byVersion.Hits.Select(h => h.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, byVersion.Facets["type"].Single(v => v.Value == "release").Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_release_not_listed_to_a_viewer_gives_them_no_hit_count_facet_or_suggestion(string provider)
    {
        await using var f = await CreateAsync(provider);
        await f.PublishAsync(Billing);
        var pool = await f.PublishAsync(Pool);
        await f.StoreAsync(s => s.CreateAsync(Patch("8.7.0", "草稿补丁 连接池", "Draft connection pool patch", "草稿", "draft", isPublic: true), null, null, CancellationToken.None));
        await f.Maintainer.ApplyPendingAsync(CancellationToken.None);

        var anonymous = await f.FindAsync("连接池", SearchViewer.Anonymous);
        Assert.Equal(0, anonymous.Total);
        Assert.Empty(anonymous.Hits);
        Assert.Empty(anonymous.Facets["type"]);
        Assert.Empty(await f.Search.SuggestAsync("connection pool", SearchViewer.Anonymous, CancellationToken.None));
        Assert.Empty(await f.Search.SuggestAsync("数据库连接", SearchViewer.Anonymous, CancellationToken.None));

        var erp = await f.FindAsync("ERP", SearchViewer.Anonymous);
        Assert.Equal(2, erp.Total);
        Assert.Equal(2, erp.Facets["type"].Single(v => v.Value == "release").Count);
        Assert.Equal(2, erp.Facets["product"].Single(v => v.Value == "ERP").Count);
        Assert.DoesNotContain(erp.Hits, h => h.Key.EndsWith($":{pool}", StringComparison.Ordinal));

        foreach (var viewer in new[] { Acme, SearchViewer.Staff })
        {
            var found = await f.FindAsync("连接池", viewer);
            Assert.Equal([$"rel:zh:{pool}"], found.Hits.Select(h => h.Key));
            Assert.Equal("important", found.Hits[0].Severity);
            Assert.Equal(4, (await f.FindAsync("ERP", viewer)).Facets["type"].Single(v => v.Value == "release").Count);
            Assert.Contains(await f.Search.SuggestAsync("connection pool", viewer, CancellationToken.None), s => s.Url == $"/Downloads/Release/{pool}");
        }
        // Drafts are never searchable, not even by staff.
        Assert.Empty((await f.FindAsync("草稿", SearchViewer.Staff)).Hits);
        Assert.Equal(4, await f.Maintainer.RebuildAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Edits_visibility_changes_and_withdrawals_reach_the_index_and_the_change_record(string provider)
    {
        await using var f = await CreateAsync(provider);
        var id = await f.PublishAsync(Billing);
        await f.Maintainer.ApplyPendingAsync(CancellationToken.None);
        var before = await f.ReleaseSourceAsync(s => s.ChangeSequenceAsync(CancellationToken.None));

        var edited = Billing with { NotesEn = "Also repairs the quarterly ledger rollover.", NotesZh = "同时修复季度账簿结转。" };
        Assert.True(await f.StoreAsync(s => s.UpdateAsync(id, edited, null, null, CancellationToken.None)));
        var afterEdit = await f.ReleaseSourceAsync(s => s.ChangeSequenceAsync(CancellationToken.None));
        Assert.True(afterEdit > before);
        Assert.Equal([$"rel:zh:{id}", $"rel:en:{id}"], await f.ReleaseSourceAsync(s => s.ChangedKeysAfterAsync(before, CancellationToken.None)));
        Assert.Empty((await f.FindAsync("ledger rollover", SearchViewer.Anonymous)).Hits);
        Assert.Equal(2, await f.Maintainer.ApplyPendingAsync(CancellationToken.None));
        Assert.Equal([$"rel:en:{id}"], (await f.FindAsync("ledger rollover", SearchViewer.Anonymous)).Hits.Select(h => h.Key));
        Assert.Equal([$"rel:zh:{id}"], (await f.FindAsync("季度账簿", SearchViewer.Anonymous)).Hits.Select(h => h.Key));
        Assert.Empty((await f.FindAsync("memory leak", SearchViewer.Anonymous)).Hits);

        // No longer public: listed to signed-in customers only.
        Assert.True(await f.StoreAsync(s => s.UpdateAsync(id, edited with { IsPublic = false }, null, null, CancellationToken.None)));
        await f.Maintainer.ApplyPendingAsync(CancellationToken.None);
        Assert.Equal(0, (await f.FindAsync("计费服务", SearchViewer.Anonymous)).Total);
        Assert.Equal([$"rel:zh:{id}"], (await f.FindAsync("计费服务", Acme)).Hits.Select(h => h.Key));

        var beforeWithdrawal = await f.ReleaseSourceAsync(s => s.ChangeSequenceAsync(CancellationToken.None));
        Assert.True(await f.StoreAsync(s => s.UnpublishAsync(id, null, CancellationToken.None)));
        Assert.True(await f.ReleaseSourceAsync(s => s.ChangeSequenceAsync(CancellationToken.None)) > beforeWithdrawal);
        await f.Maintainer.ApplyPendingAsync(CancellationToken.None);
        Assert.Equal(0, (await f.FindAsync("计费服务", SearchViewer.Staff)).Total);
        Assert.Equal(0, (await f.FindAsync("ledger", SearchViewer.Staff)).Total);
    }
}
