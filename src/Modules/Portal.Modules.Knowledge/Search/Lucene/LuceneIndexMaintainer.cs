using Portal.Modules.Knowledge.Contracts;
using System.Diagnostics;
using System.Threading.Channels;
using Lucene.Net.Index;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Keeps the Lucene index equal to the sources: builds it when missing, corrupt, of
/// another version or behind, rebuilds it on request and applies changed keys. One operation at a time.</summary>
internal sealed class LuceneIndexMaintainer(
    LuceneIndex index, SearchIndexer indexer, IServiceScopeFactory scopes, ILogger<LuceneIndexMaintainer> logger) : ISearchIndexMaintainer
{
    private readonly SemaphoreSlim exclusive = new(1, 1);

    private volatile bool rebuilding;
    private int rebuilds;

    /// <summary>True while the index is being built from all sources (searches may miss documents).</summary>
    public bool IsRebuilding => rebuilding;

    /// <summary>How many times this node built the whole index.</summary>
    public int Rebuilds => Volatile.Read(ref rebuilds);

    /// <summary>Catches up with the sources: applies only the keys changed since the commit's
    /// sequences (the sources' change record), and rebuilds when the index is missing, corrupt, of
    /// another schema, or a source's record does not reach back to the commit.</summary>
    public async Task<bool> EnsureCurrentAsync(CancellationToken ct)
    {
        await exclusive.WaitAsync(ct);
        try
        {
            if (index.IsOpen && !index.FilesPresent())
            {
                logger.LogWarning("Lucene search index files in {Folder} are gone; rebuilding the index", index.Folder);
                index.Close();
            }
            if (!index.IsOpen && !index.TryOpenExisting())
            {
                logger.LogInformation("Lucene search index in {Folder} missing, unreadable or of another version; building it", index.Folder);
                await RebuildCoreAsync(ct);
                return true;
            }
            await using var scope = scopes.CreateAsyncScope();
            var sources = scope.ServiceProvider.GetServices<ISearchDocumentSource>().ToList();
            var indexed = index.Sequences() ?? new Dictionary<string, long>();
            // Read before the changed keys and documents: a change committed meanwhile is applied
            // again next time rather than missed.
            var current = await SearchSources.SequencesAsync(sources, ct);
            if (!SearchSources.IsBehind(indexed, current)) return false;
            var changed = await SearchSources.ChangedKeysAsync(sources, indexed, current, ct);
            if (changed is null)
            {
                logger.LogInformation("Lucene search index behind a source that keeps no change record back to it; rebuilding it");
                await RebuildCoreAsync(ct);
                return true;
            }
            try
            {
                await ApplyAsync(sources, changed, ct);
                index.Commit(current);
            }
            catch
            {
                index.RollBack();
                throw;
            }
            logger.LogDebug("Lucene search index caught up with {Count} changed documents", changed.Count);
            return true;
        }
        finally
        {
            exclusive.Release();
        }
    }

    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        await exclusive.WaitAsync(ct);
        try
        {
            return await RebuildCoreAsync(ct);
        }
        finally
        {
            exclusive.Release();
        }
    }

    public async Task<int> ApplyPendingAsync(CancellationToken ct)
    {
        await exclusive.WaitAsync(ct);
        var keys = indexer.Drain();
        try
        {
            if (keys.Count == 0) return 0;
            if (!index.IsOpen)
            {
                indexer.Requeue(keys);
                return 0;
            }
            await using (var scope = scopes.CreateAsyncScope())
                await ApplyAsync(scope.ServiceProvider.GetServices<ISearchDocumentSource>().ToList(), keys, ct);
            index.Commit(sequences: null);
            return keys.Count;
        }
        catch
        {
            indexer.Requeue(keys);
            index.RollBack();
            throw;
        }
        finally
        {
            exclusive.Release();
        }
    }

    /// <summary>Re-reads the keys from the sources into the writer (uncommitted); a key no source has is removed.</summary>
    private async Task ApplyAsync(IReadOnlyList<ISearchDocumentSource> sources, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var writer = index.Writer();
        foreach (var key in keys)
        {
            var found = await SearchSources.FindAsync(sources, key, ct);
            if (found is null) writer.DeleteDocuments(new Term(LuceneDocuments.Key, key));
            else writer.UpdateDocument(new Term(LuceneDocuments.Key, key), LuceneDocuments.Create(found));
        }
    }

    private async Task<int> RebuildCoreAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var writer = index.Writer();
        var count = 0;
        rebuilding = true;
        Interlocked.Increment(ref rebuilds);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sources = scope.ServiceProvider.GetServices<ISearchDocumentSource>().ToList();
            // Read before the documents: a change committed during the build leaves the index
            // behind, so the next check applies it rather than missing it.
            var sequences = await SearchSources.SequencesAsync(sources, ct);
            writer.DeleteAll();
            // Analysis (SmartCn above all) is the cost of a build: one writer thread per core.
            var documents = Channel.CreateBounded<SearchDocument>(new BoundedChannelOptions(512) { SingleWriter = true });
            var writers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(_ => Task.Run(async () =>
            {
                var added = 0;
                await foreach (var document in documents.Reader.ReadAllAsync(ct))
                {
                    writer.AddDocument(LuceneDocuments.Create(document));
                    added++;
                }
                return added;
            }, ct)).ToList();
            try
            {
                foreach (var source in sources)
                    await foreach (var document in source.AllAsync(ct))
                        await documents.Writer.WriteAsync(document, ct);
                documents.Writer.Complete();
            }
            catch (Exception ex)
            {
                documents.Writer.Complete(ex);
                throw;
            }
            finally
            {
                await Task.WhenAll(writers).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            count = (await Task.WhenAll(writers)).Sum();
            // One segment: each query term is then looked up once rather than once per segment.
            writer.ForceMerge(1);
            index.Commit(sequences);
        }
        catch
        {
            index.RollBack();
            throw;
        }
        finally
        {
            rebuilding = false;
        }
        logger.LogInformation("Lucene search index built: {Count} documents in {Elapsed} ms", count, watch.ElapsedMilliseconds);
        if (indexer.HasPending) indexer.Wake();
        return count;
    }

}
