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

    public async Task<bool> EnsureCurrentAsync(CancellationToken ct)
    {
        await exclusive.WaitAsync(ct);
        try
        {
            if (!index.IsOpen && !index.TryOpenExisting())
            {
                logger.LogInformation("Lucene search index missing; building it");
                await RebuildCoreAsync(ct);
                return true;
            }
            var indexed = index.Sequences() ?? new Dictionary<string, long>();
            var current = await ReadSequencesAsync(ct);
            if (SearchSources.IsBehind(indexed, current))
            {
                logger.LogInformation("Lucene search index behind the database; rebuilding it");
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
            {
                var sources = scope.ServiceProvider.GetServices<ISearchDocumentSource>().ToList();
                var writer = index.Writer();
                foreach (var key in keys)
                {
                    var found = await SearchSources.FindAsync(sources, key, ct);
                    if (found is null) writer.DeleteDocuments(new Term(LuceneDocuments.Key, key));
                    else writer.UpdateDocument(new Term(LuceneDocuments.Key, key), LuceneDocuments.Create(found));
                }
            }
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

    private async Task<Dictionary<string, long>> ReadSequencesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SearchSources.SequencesAsync(scope.ServiceProvider.GetServices<ISearchDocumentSource>(), ct);
    }

    private async Task<int> RebuildCoreAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var writer = index.Writer();
        var count = 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sources = scope.ServiceProvider.GetServices<ISearchDocumentSource>().ToList();
            // Read before the documents: a change committed during the build leaves the index
            // behind, so the next check rebuilds rather than missing it.
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
        logger.LogInformation("Lucene search index built: {Count} documents in {Elapsed} ms", count, watch.ElapsedMilliseconds);
        if (indexer.HasPending) indexer.Wake();
        return count;
    }

}
