using Portal.Modules.Knowledge.Contracts;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge.Tests.Search;

/// <summary>An in-memory document source whose change sequence grows with every change.</summary>
internal sealed class FakeSearchSource : ISearchDocumentSource
{
    private readonly ConcurrentDictionary<string, SearchDocument> documents = new(StringComparer.Ordinal);
    private long sequence;

    public void Put(SearchDocument document)
    {
        documents[document.Key] = document;
        Interlocked.Increment(ref sequence);
    }

    public void Remove(string key)
    {
        documents.TryRemove(key, out _);
        Interlocked.Increment(ref sequence);
    }

    public Task<long> ChangeSequenceAsync(CancellationToken ct) => Task.FromResult(Interlocked.Read(ref sequence));

    public async IAsyncEnumerable<SearchDocument> AllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var document in documents.Values.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            yield return document;
        }
        await Task.CompletedTask;
    }

    public Task<SearchDocument?> FindAsync(string key, CancellationToken ct) =>
        Task.FromResult(documents.TryGetValue(key, out var d) ? d : null);

    public static SearchDocument Doc(string slug, string title, string body, string lang = "zh", string type = "article",
        string visibility = "public", string[]? tags = null, string[]? products = null, string? category = null,
        long? organisationId = null, DateTimeOffset? updated = null) =>
        new($"kb:{lang}:{slug}", type, lang, title, tags ?? [], body, $"/Knowledge/Articles/{lang}/{slug}", visibility, category,
            products ?? [], updated ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), organisationId);
}
