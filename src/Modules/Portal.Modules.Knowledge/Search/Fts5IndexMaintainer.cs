using Portal.Modules.Knowledge.Contracts;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Keeps this node's FTS5 index equal to the sources: builds it when missing or behind,
/// rebuilds it on request, and applies changed keys. Only one operation runs at a time.</summary>
internal sealed class Fts5IndexMaintainer(
    IndexStore store, SearchIndexer indexer, IServiceScopeFactory scopes, ILogger<Fts5IndexMaintainer> logger) : ISearchIndexMaintainer
{
    private readonly SemaphoreSlim exclusive = new(1, 1);

    /// <summary>Opens the existing index and rebuilds it if it is missing, of another version, or
    /// behind a source's change sequence. Returns true when it rebuilt.</summary>
    public async Task<bool> EnsureCurrentAsync(CancellationToken ct)
    {
        await exclusive.WaitAsync(ct);
        try
        {
            if (!store.IsOpen && !store.TryOpenExisting())
            {
                logger.LogInformation("Search index missing; building it");
                await RebuildCoreAsync(ct);
                return true;
            }
            if (await IsBehindAsync(ct))
            {
                logger.LogInformation("Search index behind the database; rebuilding it");
                await RebuildCoreAsync(ct);
                return true;
            }
            return false;
        }
        finally
        {
            exclusive.Release();
        }
    }

    /// <summary>Builds a new index from all sources and makes it current; searches keep using the
    /// old one meanwhile. Returns the number of documents.</summary>
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

    /// <summary>Applies the keys changed since the last call: each is read again from the sources
    /// and written, or removed when no source has it any more.</summary>
    public async Task<int> ApplyPendingAsync(CancellationToken ct)
    {
        await exclusive.WaitAsync(ct);
        var keys = indexer.Drain();
        try
        {
            if (keys.Count == 0) return 0;
            if (!store.IsOpen)
            {
                indexer.Requeue(keys);
                return 0;
            }
            var documents = new List<(string Key, SearchDocument? Document)>(keys.Count);
            await using (var scope = scopes.CreateAsyncScope())
            {
                var sources = scope.ServiceProvider.GetServices<ISearchDocumentSource>().ToList();
                foreach (var key in keys)
                {
                    var found = await SearchSources.FindAsync(sources, key, ct);
                    documents.Add((key, found));
                }
            }
            using var connection = store.OpenCurrentWriter();
            using var writer = new IndexWriter(connection);
            foreach (var (key, document) in documents)
            {
                if (document is null) writer.Delete(key);
                else writer.Upsert(document);
            }
            writer.Commit();
            return keys.Count;
        }
        catch
        {
            indexer.Requeue(keys);
            throw;
        }
        finally
        {
            exclusive.Release();
        }
    }

    private async Task<bool> IsBehindAsync(CancellationToken ct)
    {
        Dictionary<string, long> indexed;
        using (var reader = store.TryRent())
        {
            if (reader is null) return true;
            indexed = IndexWriter.ReadSequences(reader.Connection);
        }
        var current = await ReadSequencesAsync(ct);
        return SearchSources.IsBehind(indexed, current);
    }

    private async Task<Dictionary<string, long>> ReadSequencesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SearchSources.SequencesAsync(scope.ServiceProvider.GetServices<ISearchDocumentSource>(), ct);
    }

    private async Task<int> RebuildCoreAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var generation = store.CreateGeneration();
        var count = 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sources = scope.ServiceProvider.GetServices<ISearchDocumentSource>().ToList();
            // Read before the documents: a change committed during the build leaves the index
            // behind, so the next check rebuilds rather than missing it.
            var sequences = await SearchSources.SequencesAsync(sources, ct);
            using (var connection = generation.OpenWriter(journal: false))
            {
                IndexWriter.PrepareBuild(connection);
                // Documents are read and analyzed on another thread while the previous ones are written.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var prepared = Channel.CreateBounded<IndexWriter.Prepared>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
                var reading = Task.Run(() => ReadAllAsync(sources, prepared.Writer, stop.Token), stop.Token);
                var writer = new IndexWriter(connection);
                try
                {
                    await foreach (var document in prepared.Reader.ReadAllAsync(ct))
                    {
                        writer.Upsert(document);
                        if (++count % 20000 == 0)
                        {
                            writer.Commit();
                            writer.Dispose();
                            writer = new IndexWriter(connection);
                        }
                    }
                    await reading;
                    writer.SetSequences(sequences);
                    writer.Commit();
                }
                finally
                {
                    writer.Dispose();
                    await stop.CancelAsync();
                    await Task.WhenAny(reading);
                }
                IndexWriter.Finish(connection);
            }
            store.Publish(generation);
        }
        catch
        {
            generation.Retire();
            throw;
        }
        logger.LogInformation("Search index built: {Count} documents in {Elapsed} ms", count, watch.ElapsedMilliseconds);
        // Changes that arrived during the build may have been read before they committed.
        if (indexer.HasPending) indexer.Wake();
        return count;
    }

    private static async Task ReadAllAsync(List<ISearchDocumentSource> sources, ChannelWriter<IndexWriter.Prepared> output, CancellationToken ct)
    {
        try
        {
            foreach (var source in sources)
                await foreach (var document in source.AllAsync(ct))
                    await output.WriteAsync(IndexWriter.Prepare(document), ct);
            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
        }
    }

}
