using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Knowledge;
using Portal.Modules.Knowledge.Search;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

/// <summary>Two processes on one data folder: the second cannot open the Lucene index's writer and says why.</summary>
public sealed class SearchIndexLockTests
{
    private static readonly Dictionary<string, string?> NoSettings = [];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_second_process_on_the_same_index_folder_gets_a_clear_error_about_the_write_lock(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var node = await TestServices.BuildAsync(database, (s, _) => s.AddKnowledgeModule(), NoSettings);
        await node.GetRequiredService<ISearchIndexMaintainer>().EnsureCurrentAsync(CancellationToken.None);
        var folder = node.GetRequiredService<LuceneIndex>().Folder;

        var run = await HostProcess.RunAsync(database, NoSettings, "reindex");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"Cannot rebuild the search index: The search index folder {folder} is locked", run.Errors, StringComparison.Ordinal);
        Assert.Contains("write.lock", run.Errors, StringComparison.Ordinal);

        // Once this process lets go, the other one can rebuild.
        await node.DisposeAsync();
        var again = await HostProcess.RunAsync(database, NoSettings, "reindex");
        Assert.True(again.ExitCode == 0, again.ToString());
    }
}
