using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Knowledge.Articles;

public sealed class RevisionQueries(IDb db)
{
    public async Task<RevisionRow?> FindAsync(long articleId, long number, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<RevisionRow>(
            $"SELECT {RevisionRow.Columns} FROM kb_revisions r WHERE r.article_id = @articleId AND r.number = @number", new { articleId, number });
    }

    public async Task<IReadOnlyList<RevisionRow>> ListAsync(long articleId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<RevisionRow>(
            $"SELECT {RevisionRow.Columns} FROM kb_revisions r WHERE r.article_id = @articleId ORDER BY r.number DESC", new { articleId })).ToList();
    }
}
