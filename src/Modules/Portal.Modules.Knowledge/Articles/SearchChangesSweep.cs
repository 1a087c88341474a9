using Dapper;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Knowledge.Articles;

/// <summary>Prunes the change record (kb_search_changes) to the last <see cref="KeptFor"/>: a node
/// whose index is older than that rebuilds it instead of catching up.</summary>
internal sealed class SearchChangesSweep(IDb db, TimeProvider clock) : ISweep
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(14);

    public string Name => "knowledge.search-changes";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public Task RunAsync(CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM kb_search_changes WHERE changed_at < @before",
            new { before = clock.GetUtcNow() - KeptFor }, tx), ct);
}
