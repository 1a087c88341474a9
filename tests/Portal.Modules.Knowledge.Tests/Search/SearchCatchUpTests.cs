using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Contracts;
using Portal.Modules.Knowledge.Domain;
using Portal.Modules.Knowledge.Search;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;
using static Portal.Modules.Knowledge.Tests.Search.FakeSearchSource;

namespace Portal.Modules.Knowledge.Tests.Search;

/// <summary>Nodes on one database keep their own Lucene index current from the change record,
/// rebuild it when it is gone or corrupt (answering meanwhile with a notice), and refuse to share a folder.</summary>
public sealed class SearchCatchUpTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(5);
    private static readonly Actor Editor = new(null, "editor");

    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static Task<ServiceProvider> NodeAsync(TestDatabase database, string? indexFolder, ISearchDocumentSource? source = null) =>
        TestServices.BuildAsync(database, (s, _) =>
        {
            s.AddKnowledgeModule();
            if (source is not null) s.AddSingleton(source);
        }, (indexFolder is null ? null : new Dictionary<string, string?> { ["Search:IndexPath"] = indexFolder }));

    private static Task<SearchResult> FindAsync(IServiceProvider node, string query) =>
        node.GetRequiredService<SearchService>().SearchAsync(new SearchRequest(query, SearchViewer.Staff, null, null, null), CancellationToken.None);

    /// <summary>Polls the node's search until <paramref name="found"/> holds; returns how long it took.</summary>
    private static async Task<TimeSpan> UntilAsync(IServiceProvider node, string query, Func<SearchResult, bool> found, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!found(await FindAsync(node, query)))
        {
            Assert.True(watch.Elapsed < Converge, $"{what} did not reach the other node within {Converge.TotalSeconds} s.");
            await Task.Delay(50);
        }
        return watch.Elapsed;
    }

    private static ArticleContent Content(string title, string body) =>
        new(ArticleVocabulary.Article, title, body, "general", [], null, [], ArticleVocabulary.Public);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_article_published_edited_and_unpublished_on_one_node_converges_on_the_other_without_a_rebuild(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var a = await NodeAsync(database, Path.Combine(database.DataPath, "node-a"));
        await using var b = await NodeAsync(database, Path.Combine(database.DataPath, "node-b"));
        var nodes = new[] { a, b };
        foreach (var node in nodes) await node.GetRequiredService<ISearchIndexMaintainer>().EnsureCurrentAsync(CancellationToken.None);
        // Each node's index upkeep as the host runs it (default catch-up interval).
        var workers = nodes.Select(n => n.GetServices<IHostedService>().OfType<SearchIndexWorker>().SingleOrDefault()
            ?? ActivatorUtilities.CreateInstance<SearchIndexWorker>(n)).ToList();
        foreach (var w in workers) await w.StartAsync(CancellationToken.None);
        try
        {
            await using var scope = a.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ArticleStore>();
            var created = await store.CreateAsync("zh", "gateway-timeout", Content("网关超时的处理", "重启网关服务。"), Editor, CancellationToken.None);
            var published = await store.SetStatusAsync(created.Current!.Id, created.Current.RowVersion, ArticleVocabulary.Published, Editor, CancellationToken.None);
            Assert.Equal(SaveStatus.Saved, published.Status);
            var publish = await UntilAsync(b, "网关", r => r.Hits.Any(h => h.Key == "kb:zh:gateway-timeout"), "A publish");

            var edited = await store.UpdateAsync(published.Current!.Id, published.Current.RowVersion,
                Content("Gateway timeout runbook", "Restart the gateway service."), Editor, CancellationToken.None);
            Assert.Equal(SaveStatus.Saved, edited.Status);
            var edit = await UntilAsync(b, "runbook", r => r.Hits.Any(h => h.Key == "kb:zh:gateway-timeout"), "An edit");
            await UntilAsync(b, "网关", r => r.Hits.All(h => h.Key != "kb:zh:gateway-timeout"), "An edit's old words");

            var unpublished = await store.SetStatusAsync(edited.Current!.Id, edited.Current.RowVersion, ArticleVocabulary.Draft, Editor, CancellationToken.None);
            Assert.Equal(SaveStatus.Saved, unpublished.Status);
            var unpublish = await UntilAsync(b, "runbook", r => r.Total == 0, "An unpublish");
            output.WriteLine($"{provider}: on the other node after {publish.TotalMilliseconds:F0} ms (publish), {edit.TotalMilliseconds:F0} ms (edit), {unpublish.TotalMilliseconds:F0} ms (unpublish)");
            await UntilAsync(a, "runbook", r => r.Total == 0, "An unpublish on its own node");

            // Both nodes caught up from the change record: only the build at start was a full one.
            Assert.Equal(1, b.GetRequiredService<LuceneIndexMaintainer>().Rebuilds);
            Assert.Equal(1, a.GetRequiredService<LuceneIndexMaintainer>().Rebuilds);
        }
        finally
        {
            foreach (var w in workers) await w.StopAsync(CancellationToken.None);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_node_whose_record_was_pruned_rebuilds_instead_of_catching_up(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var a = await NodeAsync(database, Path.Combine(database.DataPath, "node-a"));
        await using var b = await NodeAsync(database, Path.Combine(database.DataPath, "node-b"));
        await b.GetRequiredService<ISearchIndexMaintainer>().EnsureCurrentAsync(CancellationToken.None);
        await using var scope = a.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ArticleStore>();
        var created = await store.CreateAsync("en", "vpn-setup", Content("VPN setup", "Install the client."), Editor, CancellationToken.None);
        await store.SetStatusAsync(created.Current!.Id, created.Current.RowVersion, ArticleVocabulary.Published, Editor, CancellationToken.None);

        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow + SearchChangesSweep.KeptFor + TimeSpan.FromDays(1));
        await new SearchChangesSweep(a.GetRequiredService<Portal.Modules.Core.Data.IDb>(), clock).RunAsync(CancellationToken.None);

        var maintainer = b.GetRequiredService<LuceneIndexMaintainer>();
        Assert.True(await maintainer.EnsureCurrentAsync(CancellationToken.None));
        Assert.Equal(2, maintainer.Rebuilds);
        Assert.Single((await FindAsync(b, "vpn")).Hits);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_index_folder_deleted_while_running_is_rebuilt_and_searches_meanwhile_say_so(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var source = new GatedSearchSource(open: true, Doc("install-patch", "如何安装补丁", "运行安装程序。"));
        await using var node = await NodeAsync(database, null, source);
        var maintainer = node.GetRequiredService<LuceneIndexMaintainer>();
        await maintainer.EnsureCurrentAsync(CancellationToken.None);
        Assert.True((await FindAsync(node, "补丁")).IndexReady);

        source.Shut();
        Directory.Delete(node.GetRequiredService<LuceneIndex>().Folder, recursive: true);
        var rebuild = maintainer.EnsureCurrentAsync(CancellationToken.None);
        var watch = Stopwatch.StartNew();
        while (!maintainer.IsRebuilding)
        {
            Assert.True(watch.Elapsed < Converge && !rebuild.IsCompleted, "The deleted index was not being rebuilt.");
            await Task.Delay(20);
        }
        var meanwhile = await FindAsync(node, "补丁");
        Assert.False(meanwhile.IndexReady);
        Assert.Empty(await node.GetRequiredService<SearchService>().SuggestAsync("如何", SearchViewer.Staff, CancellationToken.None));

        source.Open();
        Assert.True(await rebuild);
        Assert.Equal(2, maintainer.Rebuilds);
        var after = await FindAsync(node, "补丁");
        Assert.True(after.IndexReady);
        Assert.Single(after.Hits);
        Assert.False(await maintainer.EnsureCurrentAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_corrupt_index_is_rebuilt_at_start(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var source = new GatedSearchSource(open: true, Doc("install-patch", "如何安装补丁", "运行安装程序。"));
        string folder;
        await using (var first = await NodeAsync(database, null, source))
        {
            await first.GetRequiredService<ISearchIndexMaintainer>().EnsureCurrentAsync(CancellationToken.None);
            folder = first.GetRequiredService<LuceneIndex>().Folder;
        }
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => Path.GetFileName(f) != "write.lock"))
            await File.WriteAllBytesAsync(file, System.Text.Encoding.ASCII.GetBytes("not a Lucene file"));

        await using var restarted = await NodeAsync(database, null, source);
        var maintainer = restarted.GetRequiredService<LuceneIndexMaintainer>();
        Assert.True(await maintainer.EnsureCurrentAsync(CancellationToken.None));
        Assert.Equal(1, maintainer.Rebuilds);
        Assert.Single((await FindAsync(restarted, "补丁")).Hits);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_second_writer_on_the_same_folder_gets_a_clear_error(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = await NodeAsync(database, null);
        await first.GetRequiredService<ISearchIndexMaintainer>().EnsureCurrentAsync(CancellationToken.None);
        await using var second = await NodeAsync(database, null);
        var folder = first.GetRequiredService<LuceneIndex>().Folder;

        var error = await Assert.ThrowsAsync<SearchIndexLockedException>(
            () => second.GetRequiredService<ISearchIndexMaintainer>().EnsureCurrentAsync(CancellationToken.None));
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        Assert.Contains("write.lock", error.Message, StringComparison.Ordinal);
        // The first node still works.
        Assert.True((await FindAsync(first, "anything")).IndexReady);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task While_the_index_is_built_at_start_the_page_and_api_show_a_notice_in_both_languages(string provider)
    {
        var source = new GatedSearchSource(open: false, Doc("install-patch", "如何安装补丁", "运行安装程序。"));
        var noContent = Directory.CreateTempSubdirectory("portal-no-content").FullName;
        await using var app = await PortalWebApp.StartAsync(provider, (new Dictionary<string, string?> { ["Portal:ContentPath"] = noContent }),
            services: s => s.AddSingleton<ISearchDocumentSource>(source));
        var browser = app.Browser();

        var api = await ApiAsync(browser, "/api/search?q=补丁");
        Assert.False(api.GetProperty("ready").GetBoolean());
        Assert.Equal("搜索索引正在重建，结果可能不完整。", api.GetProperty("notice").GetString());
        var page = await browser.GetDocumentAsync("/Knowledge/Search?q=补丁");
        Assert.Equal("搜索索引正在重建，结果可能不完整。", page.QuerySelector("[data-testid=index-building]")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=no-results]"));

        await browser.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/");
        Assert.Equal("The search index is being rebuilt; results may be incomplete.", (await ApiAsync(browser, "/api/search?q=补丁")).GetProperty("notice").GetString());
        page = await browser.GetDocumentAsync("/Knowledge/Search?q=补丁");
        Assert.Equal("The search index is being rebuilt; results may be incomplete.", page.QuerySelector("[data-testid=index-building]")?.TextContent.Trim());

        source.Open();
        await KnowledgeTestKit.WaitForSearchIndexAsync(browser);
        var ready = await ApiAsync(browser, "/api/search?q=补丁");
        Assert.Equal(JsonValueKind.Null, ready.GetProperty("notice").ValueKind);
        Assert.Equal(1, ready.GetProperty("total").GetInt32());
        page = await browser.GetDocumentAsync("/Knowledge/Search?q=补丁");
        Assert.Null(page.QuerySelector("[data-testid=index-building]"));
        Assert.Single(page.QuerySelectorAll("[data-testid=search-hit]"));
    }

    private static async Task<JsonElement> ApiAsync(HttpClient browser, string url)
    {
        using var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
