using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Knowledge.Articles;

/// <summary>"Was this helpful?" votes: one per article and voter (a user id, or an anonymous
/// session's random id), enforced by a unique key.</summary>
public sealed class VoteStore(IDb db, TimeProvider clock)
{
    public const int MaxComment = 1000;

    /// <summary>False when this voter has already voted on the article.</summary>
    public async Task<bool> CastAsync(long articleId, string voter, bool helpful, string? comment, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        return await db.WriteAsync(async (c, tx) =>
        {
            var inserted = await c.ExecuteAsync("""
                INSERT INTO kb_votes (article_id, voter, helpful, comment, created_at) VALUES (@articleId, @voter, @helpful, @text, @now)
                ON CONFLICT (article_id, voter) DO NOTHING
                """, new { articleId, voter, helpful, text, now = clock.GetUtcNow() }, tx);
            return inserted == 1;
        }, ct);
    }

    public async Task<bool> HasVotedAsync(long articleId, string voter, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kb_votes WHERE article_id = @articleId AND voter = @voter", new { articleId, voter }) > 0;
    }

    public async Task<VoteTally> TallyAsync(long articleId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var helpful = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kb_votes WHERE article_id = @articleId AND helpful = @yes", new { articleId, yes = true });
        var not = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kb_votes WHERE article_id = @articleId AND helpful = @no", new { articleId, no = false });
        var recent = (await c.QueryAsync<VoteRow>("""
            SELECT helpful AS Helpful, comment AS Comment, created_at AS CreatedAt FROM kb_votes
            WHERE article_id = @articleId AND comment IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT 50
            """, new { articleId })).ToList();
        return new VoteTally(helpful, not, recent);
    }
}
