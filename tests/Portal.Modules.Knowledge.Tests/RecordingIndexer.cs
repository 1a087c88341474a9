using Portal.Modules.Knowledge.Contracts;
using System.Collections.Concurrent;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge.Tests;

/// <summary>Records the keys the knowledge module reports to the search index.</summary>
internal sealed class RecordingIndexer : ISearchIndexer
{
    public ConcurrentQueue<string> Keys { get; } = new();

    public void Changed(string key) => Keys.Enqueue(key);
}
