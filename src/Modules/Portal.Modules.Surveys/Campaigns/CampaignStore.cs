using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Surveys.Campaigns;

/// <summary>sv_campaigns, the organisations each went to, and the counts of their invitations.</summary>
internal sealed class CampaignStore(IDb db, TimeProvider clock)
{
    private const string Select = """
        SELECT c.id AS Id, c.name AS Name, v.template_id AS TemplateId, v.title_zh AS TemplateTitleZh, v.title_en AS TemplateTitleEn,
            v.version AS Version, c.audience AS Audience, c.product_code AS ProductCode, c.created_at AS CreatedAt,
            (SELECT COUNT(*) FROM sv_invitations i WHERE i.subject_kind = 'campaign' AND i.subject_id = c.id) AS Invited,
            (SELECT COUNT(*) FROM sv_invitations i WHERE i.subject_kind = 'campaign' AND i.subject_id = c.id AND i.answered_at IS NOT NULL) AS Answered
        FROM sv_campaigns c JOIN sv_template_versions v ON v.id = c.template_version_id
        """;

    public async Task<(IReadOnlyList<CampaignRow> Rows, long Total)> ListAsync(int page, int size, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM sv_campaigns", cancellationToken: ct));
        var rows = await c.QueryAsync<CampaignRow>(new CommandDefinition(Select + " ORDER BY c.id DESC LIMIT @size OFFSET @skip",
            new { size, skip = (long)(page - 1) * size }, cancellationToken: ct));
        return ([.. rows], total);
    }

    public async Task<CampaignRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<CampaignRow>(new CommandDefinition(Select + " WHERE c.id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The organisations the campaign went to with their invited and answered counts (names filled in by the caller).</summary>
    public async Task<IReadOnlyList<(long OrganisationId, long Invited, long Answered)>> OrganisationCountsAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(long, long, long)>(new CommandDefinition("""
            SELECT o.organisation_id,
                (SELECT COUNT(*) FROM sv_invitations i WHERE i.subject_kind = 'campaign' AND i.subject_id = o.campaign_id AND i.organisation_id = o.organisation_id),
                (SELECT COUNT(*) FROM sv_invitations i WHERE i.subject_kind = 'campaign' AND i.subject_id = o.campaign_id AND i.organisation_id = o.organisation_id
                    AND i.answered_at IS NOT NULL)
            FROM sv_campaign_organisations o WHERE o.campaign_id = @id ORDER BY o.organisation_id
            """, new { id }, cancellationToken: ct));
        return [.. rows];
    }

    public async Task<long> VersionIdAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT template_version_id FROM sv_campaigns WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The current version of a template, or null when there is no such template.</summary>
    public async Task<long?> CurrentVersionAsync(long templateId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM sv_template_versions WHERE template_id = @templateId ORDER BY version DESC LIMIT 1", new { templateId }, cancellationToken: ct));
    }

    public Task<long> CreateAsync(string name, long versionId, string productCode, long? createdBy, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO sv_campaigns (name, template_version_id, audience, product_code, created_by, created_at)
            VALUES (@name, @versionId, @audience, @productCode, @createdBy, @now) RETURNING id
            """, new { name, versionId, audience = productCode.Length > 0 ? "product" : "organisations", productCode, createdBy, now = clock.GetUtcNow() }, tx), ct);

    /// <summary>Records that the campaign went to these organisations (again: kept once).</summary>
    public Task AddOrganisationsAsync(long id, IEnumerable<long> organisationIds, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            foreach (var organisation in organisationIds)
                await c.ExecuteAsync("INSERT INTO sv_campaign_organisations (campaign_id, organisation_id) VALUES (@id, @organisation) ON CONFLICT DO NOTHING",
                    new { id, organisation }, tx);
            return 0;
        }, ct);

    public async Task<IReadOnlyList<long>> OrganisationIdsAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<long>(new CommandDefinition(
            "SELECT organisation_id FROM sv_campaign_organisations WHERE campaign_id = @id ORDER BY organisation_id", new { id }, cancellationToken: ct))];
    }

}
