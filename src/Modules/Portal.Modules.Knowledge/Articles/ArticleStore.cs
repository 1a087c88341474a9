using Portal.Modules.Knowledge.Contracts;
using System.Data.Common;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Knowledge.Domain;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge.Articles;

/// <summary>Every write to an article goes through here: one transaction that changes the row,
/// appends a revision and advances the change sequence; after the commit the search index is told.</summary>
public sealed class ArticleStore(IDb db, TimeProvider clock, ISearchIndexer indexer)
{
    public const string ActionCreate = "create";
    public const string ActionEdit = "edit";
    public const string ActionRestore = "restore";
    public const string ActionImport = "import";

    public async Task<ArticleRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await FindAsync(c, null, id);
    }

    public async Task<ArticleRow?> FindAsync(string lang, string slug, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ArticleRow>(
            $"SELECT {ArticleRow.Columns} FROM kb_articles a WHERE a.lang = @lang AND a.slug = @slug", new { lang, slug });
    }

    public async Task<SaveOutcome> CreateAsync(string lang, string slug, ArticleContent content, Actor actor, CancellationToken ct,
        ArticleSource? source = null)
    {
        var outcome = await db.WriteAsync(async (c, tx) =>
        {
            var exists = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kb_articles WHERE lang = @lang AND slug = @slug", new { lang, slug }, tx);
            if (exists > 0) return SaveOutcome.SlugTaken;
            var now = clock.GetUtcNow();
            var id = await InsertAsync(c, tx, lang, slug, content, ArticleVocabulary.Draft, now, DateOnly.FromDateTime(now.UtcDateTime), actor);
            if (source is not null)
                await c.ExecuteAsync("UPDATE kb_articles SET source_label = @Label, source_url = @Url WHERE id = @id", new { source.Label, source.Url, id }, tx);
            await AppendRevisionAsync(c, tx, id, content, ArticleVocabulary.Draft, ActionCreate, actor, now);
            return new SaveOutcome(SaveStatus.Saved, await FindAsync(c, tx, id));
        }, ct);
        Notify(outcome);
        return outcome;
    }

    /// <summary>Saves new content when the article is still at <paramref name="expectedVersion"/>;
    /// otherwise nothing changes and the outcome is a conflict carrying the stored version.</summary>
    public Task<SaveOutcome> UpdateAsync(long id, long expectedVersion, ArticleContent content, Actor actor, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, content, null, ActionEdit, actor, ct);

    /// <summary>Publish, unpublish (back to draft) or archive.</summary>
    public Task<SaveOutcome> SetStatusAsync(long id, long expectedVersion, string status, Actor actor, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, null, status, status switch
        {
            ArticleVocabulary.Published => "publish",
            ArticleVocabulary.Archived => "archive",
            _ => "unpublish",
        }, actor, ct);

    /// <summary>Makes an earlier revision's content the current content (the status stays).</summary>
    public async Task<SaveOutcome> RestoreAsync(long id, long number, Actor actor, CancellationToken ct)
    {
        var revision = await new RevisionQueries(db).FindAsync(id, number, ct);
        if (revision is null) return SaveOutcome.NotFound;
        var current = await FindAsync(id, ct);
        if (current is null) return SaveOutcome.NotFound;
        return await ChangeAsync(id, current.RowVersion, revision.Content, null, ActionRestore, actor, ct);
    }

    /// <summary>Creates or updates an imported article (published), only when something differs.</summary>
    public async Task<SaveStatus> ImportAsync(string lang, string slug, ArticleContent content, DateOnly? date, Actor actor, CancellationToken ct)
    {
        var outcome = await db.WriteAsync(async (c, tx) =>
        {
            var existing = await c.QuerySingleOrDefaultAsync<ArticleRow>(
                $"SELECT {ArticleRow.Columns} FROM kb_articles a WHERE a.lang = @lang AND a.slug = @slug", new { lang, slug }, tx);
            var now = clock.GetUtcNow();
            // The date in the file is when the content last changed; it orders "recently updated".
            var updatedAt = date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : now;
            if (existing is null)
            {
                var id = await InsertAsync(c, tx, lang, slug, content, ArticleVocabulary.Published, updatedAt, date, actor);
                await c.ExecuteAsync("UPDATE kb_articles SET published_at = @now WHERE id = @id", new { now, id }, tx);
                await AppendRevisionAsync(c, tx, id, content, ArticleVocabulary.Published, ActionImport, actor, now);
                return new SaveOutcome(SaveStatus.Saved, await FindAsync(c, tx, id));
            }
            if (existing.Content.SameAs(content) && existing.IsPublished && existing.ContentDate == date)
                return new SaveOutcome(SaveStatus.Unchanged, existing);
            await WriteAsync(c, tx, existing, content, ArticleVocabulary.Published, updatedAt, date, actor);
            await AppendRevisionAsync(c, tx, existing.Id, content, ArticleVocabulary.Published, ActionImport, actor, now);
            return new SaveOutcome(SaveStatus.Saved, await FindAsync(c, tx, existing.Id));
        }, ct);
        Notify(outcome);
        return outcome.Status;
    }

    private async Task<SaveOutcome> ChangeAsync(long id, long expectedVersion, ArticleContent? content, string? status, string action,
        Actor actor, CancellationToken ct)
    {
        var outcome = await db.WriteAsync(async (c, tx) =>
        {
            var current = await FindAsync(c, tx, id);
            if (current is null) return SaveOutcome.NotFound;
            if (current.RowVersion != expectedVersion) return new SaveOutcome(SaveStatus.Conflict, current);
            var newContent = content ?? current.Content;
            var newStatus = status ?? current.Status;
            if (newContent.SameAs(current.Content) && newStatus == current.Status) return new SaveOutcome(SaveStatus.Unchanged, current);
            var now = clock.GetUtcNow();
            var date = content is null ? current.ContentDate : DateOnly.FromDateTime(now.UtcDateTime);
            await WriteAsync(c, tx, current, newContent, newStatus, content is null ? current.UpdatedAt : now, date, actor);
            if (newStatus == ArticleVocabulary.Published && current.Status != ArticleVocabulary.Published)
                await c.ExecuteAsync("UPDATE kb_articles SET published_at = @now WHERE id = @id", new { now, id }, tx);
            await AppendRevisionAsync(c, tx, id, newContent, newStatus, action, actor, now);
            return new SaveOutcome(SaveStatus.Saved, await FindAsync(c, tx, id));
        }, ct);
        Notify(outcome);
        return outcome;
    }

    private void Notify(SaveOutcome outcome)
    {
        if (outcome.Status == SaveStatus.Saved && outcome.Current is { } row) indexer.Changed(row.SearchKey);
    }

    private static Task<ArticleRow?> FindAsync(DbConnection c, DbTransaction? tx, long id) =>
        c.QuerySingleOrDefaultAsync<ArticleRow>($"SELECT {ArticleRow.Columns} FROM kb_articles a WHERE a.id = @id", new { id }, tx);

    /// <summary>Advances the change sequence and records the changed search key under it (the change
    /// record other nodes catch up from).</summary>
    private async Task<long> NextChangeAsync(DbConnection c, DbTransaction tx, string searchKey)
    {
        var now = clock.GetUtcNow();
        var seq = await c.ExecuteScalarAsync<long>("UPDATE kb_change_sequence SET value = value + 1 WHERE id = 1 RETURNING value", transaction: tx);
        await c.ExecuteAsync("INSERT INTO kb_search_changes (sequence, search_key, changed_at) VALUES (@seq, @searchKey, @now)",
            new { seq, searchKey, now }, tx);
        return seq;
    }

    private async Task<long> InsertAsync(DbConnection c, DbTransaction tx, string lang, string slug, ArticleContent content, string status,
        DateTimeOffset updatedAt, DateOnly? date, Actor actor)
    {
        var seq = await NextChangeAsync(c, tx, ArticleRow.KeyOf(lang, slug));
        var id = await c.ExecuteScalarAsync<long>("""
            INSERT INTO kb_articles (lang, slug, type, title, body, category, products, versions, tags, visibility, status,
                content_date, change_seq, created_at, updated_at, updated_by, updated_by_name)
            VALUES (@lang, @slug, @Type, @Title, @Body, @Category, @Products, @Versions, @Tags, @Visibility, @status,
                @date, @seq, @updatedAt, @updatedAt, @UserId, @Name)
            RETURNING id
            """, Parameters(content, new { lang, slug, status, date, seq, updatedAt, actor.UserId, actor.Name }), tx);
        await ReplaceTagsAsync(c, tx, id, content.Tags);
        return id;
    }

    private async Task WriteAsync(DbConnection c, DbTransaction tx, ArticleRow current, ArticleContent content, string status,
        DateTimeOffset updatedAt, DateOnly? date, Actor actor)
    {
        var id = current.Id;
        var seq = await NextChangeAsync(c, tx, current.SearchKey);
        await c.ExecuteAsync("""
            UPDATE kb_articles SET type = @Type, title = @Title, body = @Body, category = @Category, products = @Products,
                versions = @Versions, tags = @Tags, visibility = @Visibility, status = @status, content_date = @date,
                change_seq = @seq, updated_at = @updatedAt, updated_by = @UserId, updated_by_name = @Name,
                row_version = row_version + 1
            WHERE id = @id
            """, Parameters(content, new { id, status, date, seq, updatedAt, actor.UserId, actor.Name }), tx);
        await ReplaceTagsAsync(c, tx, id, content.Tags);
    }

    private static async Task AppendRevisionAsync(DbConnection c, DbTransaction tx, long articleId, ArticleContent content, string status,
        string action, Actor actor, DateTimeOffset now)
    {
        await c.ExecuteAsync("""
            INSERT INTO kb_revisions (article_id, number, action, type, title, body, category, products, versions, tags, visibility, status,
                created_at, created_by, created_by_name)
            VALUES (@articleId, (SELECT COALESCE(MAX(number), 0) + 1 FROM kb_revisions WHERE article_id = @articleId), @action,
                @Type, @Title, @Body, @Category, @Products, @Versions, @Tags, @Visibility, @status, @now, @UserId, @Name)
            """, Parameters(content, new { articleId, action, status, now, actor.UserId, actor.Name }), tx);
    }

    private static async Task ReplaceTagsAsync(DbConnection c, DbTransaction tx, long id, IReadOnlyList<string> tags)
    {
        await c.ExecuteAsync("DELETE FROM kb_article_tags WHERE article_id = @id", new { id }, tx);
        foreach (var tag in tags.Distinct(StringComparer.Ordinal))
            await c.ExecuteAsync("INSERT INTO kb_article_tags (article_id, tag) VALUES (@id, @tag)", new { id, tag }, tx);
    }

    private static DynamicParameters Parameters(ArticleContent content, object extra)
    {
        var p = new DynamicParameters(extra);
        p.Add("Type", content.Type);
        p.Add("Title", content.Title);
        p.Add("Body", content.Body);
        p.Add("Category", content.Category);
        p.Add("Products", ArticleContent.Join(content.Products));
        p.Add("Versions", string.IsNullOrWhiteSpace(content.Versions) ? null : content.Versions.Trim());
        p.Add("Tags", ArticleContent.Join(content.Tags));
        p.Add("Visibility", content.Visibility);
        return p;
    }
}
