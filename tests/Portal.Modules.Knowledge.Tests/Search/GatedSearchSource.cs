using System.Runtime.CompilerServices;
using Portal.Modules.Knowledge.Contracts;

namespace Portal.Modules.Knowledge.Tests.Search;

/// <summary>An in-memory source whose full read (a rebuild) waits while the gate is shut, so a test
/// can look at searches during a rebuild.</summary>
internal sealed class GatedSearchSource : ISearchDocumentSource
{
    private volatile TaskCompletionSource gate = NewGate();

    public GatedSearchSource(bool open, params SearchDocument[] documents)
    {
        foreach (var d in documents) Documents.Put(d);
        if (open) Open();
    }

    public FakeSearchSource Documents { get; } = new();

    public void Shut() => gate = NewGate();

    public void Open() => gate.TrySetResult();

    public Task<long> ChangeSequenceAsync(CancellationToken ct) => Documents.ChangeSequenceAsync(ct);

    public async IAsyncEnumerable<SearchDocument> AllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await gate.Task.WaitAsync(ct);
        await foreach (var d in Documents.AllAsync(ct)) yield return d;
    }

    public Task<SearchDocument?> FindAsync(string key, CancellationToken ct) => Documents.FindAsync(key, ct);

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
