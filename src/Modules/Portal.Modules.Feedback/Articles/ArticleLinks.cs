using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Feedback.Requests;

namespace Portal.Modules.Feedback.Articles;

/// <summary>Which knowledge article was drafted from which request; recording one also adds an
/// internal timeline entry, in one transaction.</summary>
public sealed class ArticleLinks(IDb db, TimeProvider clock)
{
    private const string Columns = "l.request_id AS RequestId, l.article_id AS ArticleId, l.title AS Title, l.edit_url AS EditUrl, l.created_at AS CreatedAt";

    public async Task<ArticleLink?> FindAsync(long requestId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ArticleLink>($"SELECT {Columns} FROM fb_request_articles l WHERE l.request_id = @requestId", new { requestId });
    }

    /// <summary>Records the link unless the request has one already (a second staff member's draft of the same case is the same article).</summary>
    public Task RecordAsync(long requestId, long articleId, string title, string editUrl, Actor actor, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var added = await c.ExecuteAsync("""
                INSERT INTO fb_request_articles (request_id, article_id, title, edit_url, created_by, created_at)
                VALUES (@requestId, @articleId, @title, @editUrl, @ActorId, @now)
                ON CONFLICT (request_id) DO NOTHING
                """, new { requestId, articleId, title, editUrl, ActorId = actor.Id, now }, tx);
            if (added == 0) return;
            await c.ExecuteAsync("""
                INSERT INTO fb_events (request_id, at, actor_id, actor_name, by_staff, kind, internal, body)
                VALUES (@requestId, @now, @ActorId, @ActorName, @True, 'article', @True, @title)
                """, new { requestId, now, ActorId = actor.Id, ActorName = actor.Name, True = true, title }, tx);
        }, ct);
}
