using Portal.Modules.Knowledge.Contracts;
using Portal.Modules.Knowledge.Search;
using Portal.Testing;
using Xunit;
using static Portal.Modules.Knowledge.Tests.Search.FakeSearchSource;

namespace Portal.Modules.Knowledge.Tests.Search;

public sealed class SearchIndexTests
{
    private static readonly SearchDocument[] Corpus =
    [
        Doc("install-patch", "如何安装补丁", "下载补丁包后，在维护窗口内停止服务，然后运行安装程序。安装完成后重新启动服务。", tags: ["补丁", "升级"], products: ["ERP"], category: "patches"),
        Doc("patch-policy", "补丁发布策略", "我们每月发布一次累积补丁，紧急的安全补丁随时发布。", products: ["ERP", "MES"], category: "patches"),
        Doc("install-patch", "How to install a patch", "Download the patch package, stop the service during the maintenance window and run the installer. Version 8.5.2 fixes the login page.", lang: "en", products: ["ERP"], category: "patches"),
        Doc("service-hours", "服务时间", "工作日 9:00–18:00（北京时间）提供电话和在线支持。", type: "faq", category: "service"),
        Doc("internal-escalation", "内部升级流程", "严重故障时值班工程师通知二线支持。补丁回滚步骤见附件。", visibility: "internal", category: "service"),
        Doc("customer-backup", "备份与恢复", "客户专用：每天备份数据库，补丁安装前必须完成备份。", visibility: "customers", category: "backup"),
        Doc("acme-only", "ACME 专用补丁说明", "仅适用于 ACME 的定制补丁。", visibility: "customers", organisationId: 42, category: "patches"),
        Doc("self-service", "Self-service portal overview", "The self-service portal lets customers download manuals 🚀 and file tickets.", lang: "en", type: "faq", category: "service"),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Chinese_and_English_queries_find_their_articles_with_marked_snippets(string provider)
    {
        await using var f = await SearchFixture.CreateAsync(provider, Corpus);

        var zh = await f.FindAsync("安装补丁");
        Assert.Equal("kb:zh:install-patch", zh.Hits[0].Key);
        Assert.Contains("<mark>", zh.Hits[0].Snippet, StringComparison.Ordinal);

        var en = await f.FindAsync("installing patches");
        Assert.Equal("kb:en:install-patch", en.Hits[0].Key);
        Assert.Contains("<mark>patch</mark>", en.Hits[0].Snippet, StringComparison.Ordinal);

        var version = await f.FindAsync("8.5.2");
        Assert.Equal(["kb:en:install-patch"], version.Hits.Select(h => h.Key));
        Assert.Empty((await f.FindAsync("8.5.3")).Hits);

        Assert.Equal(["kb:en:self-service"], (await f.FindAsync("self-service")).Hits.Select(h => h.Key));
        Assert.Equal(["kb:en:self-service"], (await f.FindAsync("🚀 manuals")).Hits.Select(h => h.Key));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hits_show_the_original_text_while_full_width_letters_still_match(string provider)
    {
        var doc = Doc("fullwidth", "网关超时怎么办？（ＫＭＳ）", "先检查网络，再重启网关服务：通常一分钟内恢复。");
        await using var f = await SearchFixture.CreateAsync(provider, [.. Corpus, doc]);

        var hit = Assert.Single((await f.FindAsync("网关")).Hits);
        Assert.Equal("网关超时怎么办？（ＫＭＳ）", hit.Title);
        Assert.Contains("，再重启<mark>网关</mark>服务：", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains((await f.FindAsync("kms 网关")).Hits, h => h.Key == doc.Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Visibility_limits_hits_totals_facets_and_suggestions(string provider)
    {
        await using var f = await SearchFixture.CreateAsync(provider, Corpus);

        var anonymous = await f.FindAsync("补丁", SearchViewer.Anonymous);
        Assert.DoesNotContain(anonymous.Hits, h => h.Key is "kb:zh:internal-escalation" or "kb:zh:customer-backup" or "kb:zh:acme-only");
        Assert.Equal(2, anonymous.Total);
        Assert.DoesNotContain(anonymous.Facets["category"], v => v.Value == "backup" || v.Value == "service");
        Assert.Equal(2, anonymous.Facets["category"].Single(v => v.Value == "patches").Count);

        var otherCustomer = await f.FindAsync("补丁", SearchViewer.Customer(7));
        Assert.Equal(3, otherCustomer.Total);
        Assert.Contains(otherCustomer.Hits, h => h.Key == "kb:zh:customer-backup");
        Assert.DoesNotContain(otherCustomer.Hits, h => h.Key is "kb:zh:acme-only" or "kb:zh:internal-escalation");

        var acme = await f.FindAsync("补丁", SearchViewer.Customer(42));
        Assert.Equal(4, acme.Total);

        var staff = await f.FindAsync("补丁", SearchViewer.Staff);
        Assert.Equal(5, staff.Total);

        Assert.Empty(await f.Search.SuggestAsync("内部", SearchViewer.Customer(42), CancellationToken.None));
        Assert.Single(await f.Search.SuggestAsync("内部", SearchViewer.Staff, CancellationToken.None));
        Assert.Empty(await f.Search.SuggestAsync("ACME", SearchViewer.Customer(7), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Filters_facets_pagination_and_date_sort(string provider)
    {
        var many = Enumerable.Range(1, 25).Select(i => Doc($"upgrade-{i:00}", $"升级说明 {i}", $"第 {i} 版的升级步骤。",
            type: i % 5 == 0 ? "faq" : "article", products: [i % 2 == 0 ? "ERP" : "MES"],
            updated: new DateTimeOffset(2026, 1, i, 0, 0, 0, TimeSpan.Zero))).ToArray();
        await using var f = await SearchFixture.CreateAsync(provider, many);

        var all = await f.FindAsync("升级");
        Assert.Equal(25, all.Total);
        Assert.Equal(10, all.Hits.Count);
        Assert.Equal(3, all.PageCount);
        Assert.Equal(5, (await f.FindAsync("升级", page: 3)).Hits.Count);
        Assert.Equal([new FacetValue("article", 20), new FacetValue("faq", 5)], all.Facets["type"]);
        Assert.Equal(12, all.Facets["product"].Single(v => v.Value == "ERP").Count);

        Assert.Equal(5, (await f.FindAsync("升级 type:faq")).Total);
        Assert.Equal(12, (await f.FindAsync("升级", product: "ERP")).Total);
        Assert.Equal(0, (await f.FindAsync("升级", lang: "en")).Total);

        var byDate = await f.FindAsync("升级", sort: SearchSort.Date);
        Assert.Equal("kb:zh:upgrade-25", byDate.Hits[0].Key);
        Assert.Equal("kb:zh:upgrade-16", byDate.Hits[9].Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_CJK_word_is_relaxed_from_phrase_to_bigrams_when_the_phrase_finds_little(string provider)
    {
        var gateways = Enumerable.Range(1, 3).Select(i => Doc($"gateway-{i}", $"网关配置 {i}", "网关配置的步骤。")).ToArray();
        await using var f = await SearchFixture.CreateAsync(provider, [.. Corpus, .. gateways]);

        var phrase = await f.FindAsync("网关配置");
        Assert.Equal(Relaxation.Phrase, phrase.Relaxation);
        Assert.Equal(3, phrase.Total);
        Assert.False(phrase.OnlyPartialMatches);

        var relaxed = await f.FindAsync("安装升级补丁");
        Assert.NotEqual(Relaxation.Phrase, relaxed.Relaxation);
        Assert.Equal("kb:zh:install-patch", relaxed.Hits[0].Key);
        Assert.True(relaxed.OnlyPartialMatches);

        // One exact match is widened with partial ones, but it was found as written: no "partial" notice.
        var widened = await f.FindAsync("网关配置 1");
        Assert.NotEqual(Relaxation.Phrase, widened.Relaxation);
        Assert.True(widened.ExactTotal > 0);
        Assert.False(widened.OnlyPartialMatches);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Exclusions_or_phrases_prefixes_and_single_characters(string provider)
    {
        await using var f = await SearchFixture.CreateAsync(provider, Corpus);

        Assert.DoesNotContain((await f.FindAsync("补丁 -策略")).Hits, h => h.Key == "kb:zh:patch-policy");
        Assert.Equal(2, (await f.FindAsync("manuals OR installer")).Total);
        Assert.Equal(["kb:en:install-patch"], (await f.FindAsync("\"maintenance window\"")).Hits.Select(h => h.Key));
        Assert.Empty((await f.FindAsync("\"window maintenance\"")).Hits);
        Assert.Contains((await f.FindAsync("instal*")).Hits, h => h.Key == "kb:en:install-patch");
        // 份 only ends a run (备份), so only the run-end column finds it.
        Assert.Contains((await f.FindAsync("份")).Hits, h => h.Key == "kb:zh:customer-backup");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_changed_document_is_applied_and_a_removed_one_disappears(string provider)
    {
        await using var f = await SearchFixture.CreateAsync(provider, Corpus);

        f.Source.Put(Doc("new-article", "全新的网关配置", "网关配置步骤。"));
        f.Indexer.Changed("kb:zh:new-article");
        f.Source.Remove("kb:zh:service-hours");
        f.Indexer.Changed("kb:zh:service-hours");
        Assert.Equal(2, await f.Maintainer.ApplyPendingAsync(CancellationToken.None));

        Assert.Single((await f.FindAsync("网关")).Hits);
        Assert.DoesNotContain((await f.FindAsync("服务时间")).Hits, h => h.Key == "kb:zh:service-hours");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_index_is_rebuilt_at_start_when_behind_the_sources_and_kept_when_current(string provider)
    {
        await using var f = await SearchFixture.CreateAsync(provider, Corpus);
        Assert.False(await f.Maintainer.EnsureCurrentAsync(CancellationToken.None));

        // A change made while this node was not listening (another node, or the process was down).
        f.Source.Put(Doc("gateway", "网关配置", "网关配置步骤。"));
        Assert.Empty((await f.FindAsync("网关")).Hits);
        Assert.True(await f.Maintainer.EnsureCurrentAsync(CancellationToken.None));
        Assert.Single((await f.FindAsync("网关")).Hits);
    }
}
