using Dapper;
using MediatR;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Surveys.FollowUps;

/// <summary>Follow-ups opened in a period from responses to one template version (optionally one organisation's):
/// how many were opened, how many are closed, how many of those ended satisfied (their re-survey needed no further
/// follow-up), and how many are still open. The caller decides who may see which organisation.</summary>
public sealed record FollowUpSummary(long Opened, long Closed, long EndedSatisfied, long StillOpen);

/// <summary>Follow-ups opened from <paramref name="From"/> (inclusive) to <paramref name="To"/> (exclusive).</summary>
public sealed record GetFollowUpSummary(long TemplateVersionId, DateTimeOffset From, DateTimeOffset To, long? OrganisationId = null) : IRequest<FollowUpSummary>;

internal sealed class FollowUpCounts(IDb db) : IRequestHandler<GetFollowUpSummary, FollowUpSummary>
{
    private sealed class Row
    {
        public long Opened { get; init; }
        public long? Closed { get; init; }
        public long? Satisfied { get; init; }
        public long? StillOpen { get; init; }
    }

    public async Task<FollowUpSummary> Handle(GetFollowUpSummary query, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var organisation = query.OrganisationId is null ? "" : " AND organisation_id = @OrganisationId";
        var row = await c.QuerySingleAsync<Row>(new CommandDefinition($"""
            SELECT COUNT(*) AS Opened,
                SUM(CASE WHEN state = 'closed' THEN 1 ELSE 0 END) AS Closed,
                SUM(CASE WHEN outcome = 'satisfied' THEN 1 ELSE 0 END) AS Satisfied,
                SUM(CASE WHEN state = 'open' THEN 1 ELSE 0 END) AS StillOpen
            FROM sv_followups
            WHERE template_version_id = @TemplateVersionId AND opened_at >= @From AND opened_at < @To{organisation}
            """, new { query.TemplateVersionId, query.From, query.To, query.OrganisationId }, cancellationToken: ct));
        return new FollowUpSummary(row.Opened, row.Closed ?? 0, row.Satisfied ?? 0, row.StillOpen ?? 0);
    }
}
