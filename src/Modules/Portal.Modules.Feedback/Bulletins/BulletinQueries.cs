using Dapper;
using MediatR;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Downloads.Contracts;
using Portal.Modules.Feedback.Calendar;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.Knowledge.Contracts;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Web.Paging;
using static Portal.Modules.Feedback.Requests.RequestVocabulary;

namespace Portal.Modules.Feedback.Bulletins;

/// <summary>Builds an organisation's bulletin of a month from the requests and their status changes
/// (read as of the month's end, so the page shows later what the email said), and from the releases and
/// articles of the organisation's installed products (through the other modules' contracts).</summary>
internal sealed class BulletinQueries(IDb db, IMediator mediator, ServiceClock serviceClock, IOptions<PortalOptions> portal)
{
    private sealed class RequestFacts
    {
        public long Id { get; set; }
        public string Reference { get; set; } = "";
        public string Title { get; set; } = "";
        public string Type { get; set; } = "";
        public int? Severity { get; set; }
        public string ProductCode { get; set; } = "";
        public bool Covered { get; set; }
        public DateTimeOffset? RespondDueAt { get; set; }
        public DateTimeOffset? FirstResponseAt { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public long CreatedBy { get; set; }
    }

    private sealed class StatusChange
    {
        public long RequestId { get; set; }
        public string Kind { get; set; } = "";
        public string ToStatus { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }

    public async Task<Bulletin> BuildAsync(OrganisationInfo organisation, BulletinMonth month, CancellationToken ct)
    {
        var zone = portal.Value.VendorTimeZone;
        var (start, end) = (month.Start(zone), month.End(zone));
        var calendar = await serviceClock.CalendarAsync(ct);
        // A request closed before the month began and not reopened since has nothing to do with it: closed_at is its latest closing.
        var args = new { OrganisationId = organisation.Id, Start = start, End = end, Closed };
        List<RequestFacts> facts;
        List<StatusChange> changes;
        await using (var c = await db.OpenAsync(ct))
        {
            facts = [.. await c.QueryAsync<RequestFacts>("""
                SELECT r.id AS Id, r.reference AS Reference, r.title AS Title, r.type AS Type, r.severity AS Severity, r.product_code AS ProductCode,
                    r.covered AS Covered, r.respond_due_at AS RespondDueAt, r.first_response_at AS FirstResponseAt, r.created_at AS CreatedAt, r.created_by AS CreatedBy
                FROM fb_requests r
                WHERE r.organisation_id = @OrganisationId AND r.created_at < @End AND (r.status <> @Closed OR r.closed_at >= @Start)
                ORDER BY r.created_at, r.id
                """, args)];
            changes = [.. await c.QueryAsync<StatusChange>("""
                SELECT e.request_id AS RequestId, e.kind AS Kind, e.to_status AS ToStatus, e.at AS At
                FROM fb_events e JOIN fb_requests r ON r.id = e.request_id
                WHERE r.organisation_id = @OrganisationId AND r.created_at < @End AND (r.status <> @Closed OR r.closed_at >= @Start)
                  AND e.at < @End AND e.kind IN ('created', 'status', 'closed', 'reopened') AND e.to_status IS NOT NULL
                ORDER BY e.request_id, e.at, e.id
                """, args)];
        }
        var byRequest = changes.ToLookup(e => e.RequestId);
        var requests = new List<BulletinRequest>();
        foreach (var r in facts)
        {
            var history = byRequest[r.Id].ToList();
            var status = history.Count > 0 ? history[^1].ToStatus : New;
            var received = r.CreatedAt >= start;
            var resolved = status == Closed && history.Any(e => e.ToStatus == Closed && e.At >= start);
            if (!received && !resolved && status == Closed) continue;
            requests.Add(new BulletinRequest(r.Id, r.Reference, r.Title, r.Type, r.Severity, r.ProductCode, status, received, resolved,
                Compliance(r, end), r.CreatedAt, r.CreatedBy));
        }

        var products = (await mediator.Send(new ListInstallations(organisation.Id), ct)).Select(i => i.ProductCode).Distinct(StringComparer.Ordinal).ToList();
        var releases = await mediator.Send(new ListNewReleases(products, start, end), ct);
        var articles = await mediator.Send(new ListNewArticles(products, start, end), ct);
        var catalog = await mediator.Send(new ListProducts(IncludeInactive: true), ct);
        return new Bulletin(organisation.Id, organisation.Name, month.ToString(), BulletinSchedule.SendAt(month, calendar), requests, releases, articles,
            catalog.ToDictionary(p => p.Code, p => p.NameZh, StringComparer.Ordinal), catalog.ToDictionary(p => p.Code, p => p.NameEn, StringComparer.Ordinal));
    }

    /// <summary>The bulletin of a month that has ended, for a page; null when <paramref name="monthText"/> is not yyyy-MM
    /// or names a month that has not ended yet.</summary>
    public async Task<(Bulletin Bulletin, BulletinRecord? Sent, BulletinMonth Month, BulletinMonth Latest)?> ForPageAsync(
        OrganisationInfo organisation, string? monthText, DateTimeOffset now, CancellationToken ct)
    {
        if (!BulletinMonth.TryParse(monthText, out var month)) return null;
        var latest = BulletinSchedule.LatestEnded(now, await serviceClock.CalendarAsync(ct));
        if (month.First > latest.First) return null;
        var bulletin = await BuildAsync(organisation, month, ct);
        await using var c = await db.OpenAsync(ct);
        var sent = await c.QuerySingleOrDefaultAsync<BulletinRecord>(
            $"SELECT {BulletinRecord.Columns} FROM fb_bulletins b WHERE b.organisation_id = @Id AND b.month = @Month",
            new { organisation.Id, Month = month.ToString() });
        return (bulletin, sent, month, latest);
    }

    /// <summary>The organisation's bulletins that had something to report, newest first.</summary>
    public async Task<PagedList<BulletinRecord>> SentAsync(long organisationId, int page, CancellationToken ct)
    {
        const int size = 24;
        page = PagedList<BulletinRecord>.Normalize(page);
        var args = new { organisationId, Reported = true, Limit = size, Offset = PagedList<BulletinRecord>.Offset(page, size) };
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM fb_bulletins b WHERE b.organisation_id = @organisationId AND b.reported = @Reported", args);
        var rows = await c.QueryAsync<BulletinRecord>($"""
            SELECT {BulletinRecord.Columns} FROM fb_bulletins b WHERE b.organisation_id = @organisationId AND b.reported = @Reported
            ORDER BY b.month DESC LIMIT @Limit OFFSET @Offset
            """, args);
        return new PagedList<BulletinRecord>([.. rows], page, size, total);
    }

    /// <summary>The first response against its target as known at <paramref name="end"/>.</summary>
    private static ResponseCompliance Compliance(RequestFacts r, DateTimeOffset end)
    {
        if (!r.Covered || r.RespondDueAt is not { } due) return ResponseCompliance.NotCovered;
        if (r.FirstResponseAt is { } answered && answered < end) return answered <= due ? ResponseCompliance.Met : ResponseCompliance.Missed;
        return due < end ? ResponseCompliance.Missed : ResponseCompliance.Pending;
    }
}
