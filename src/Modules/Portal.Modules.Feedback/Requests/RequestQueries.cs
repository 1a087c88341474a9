using Dapper;
using Portal.Modules.Core.Data;
using Portal.Web.Paging;

namespace Portal.Modules.Feedback.Requests;

/// <summary>The staff queue's filters; every one optional. <see cref="Sort"/> is checked against an allow-list.</summary>
/// <param name="Complaints">False for staff who are neither service supervisors nor admins: complaints are left out.</param>
public sealed record QueueFilter(string? Status, string? Type, int? Severity, string? Product, long? Organisation, string? Assignee,
    bool DueSoon, bool Breached, string? Sort, int? Tier = null, bool Complaints = true)
{
    public static readonly IReadOnlyList<string> Sorts = ["due", "newest", "updated", "severity"];
}

/// <summary>Reads of requests, their timeline and attachments.</summary>
public sealed class RequestQueries(IDb db)
{
    public const int PageSize = 20;

    /// <summary>The staff queue says "more than 1,000" beyond this; staff filter rather than page that far.</summary>
    public const int QueueCountCap = 1000;

    /// <summary>The request (of <paramref name="requestId"/> only, when given) that has one of these stored files as an attachment.</summary>
    public async Task<long?> RequestOfStoredFileAsync(IEnumerable<string> storeKeys, long? requestId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        foreach (var storeKey in storeKeys)
        {
            if (await c.ExecuteScalarAsync<long?>("SELECT request_id FROM fb_attachments WHERE store_key = @storeKey AND (@requestId IS NULL OR request_id = @requestId)",
                new { storeKey, requestId }) is { } id) return id;
        }
        return null;
    }

    public async Task<RequestRow?> RequestAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<RequestRow>($"SELECT {RequestRow.Columns} FROM fb_requests r WHERE r.id = @id", new { id });
    }

    /// <summary>The timeline, oldest first; internal entries and attachments only when asked for.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(long requestId, bool includeInternal, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var entries = (await c.QueryAsync<TimelineEntry>(
            $"SELECT {TimelineEntry.Columns} FROM fb_events e WHERE e.request_id = @requestId AND (@includeInternal OR e.internal = @False) ORDER BY e.at, e.id",
            new { requestId, includeInternal, False = false })).ToList();
        var attachments = await c.QueryAsync<AttachmentRow>(
            $"SELECT {AttachmentRow.Columns} FROM fb_attachments a WHERE a.request_id = @requestId AND (@includeInternal OR a.internal = @False) ORDER BY a.id",
            new { requestId, includeInternal, False = false });
        var byEvent = entries.ToDictionary(e => e.Id);
        foreach (var a in attachments)
            if (a.EventId is { } e && byEvent.TryGetValue(e, out var entry)) entry.Attachments.Add(a);
        return entries;
    }

    public async Task<AttachmentRow?> AttachmentAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<AttachmentRow>($"SELECT {AttachmentRow.Columns} FROM fb_attachments a WHERE a.id = @id", new { id });
    }

    /// <summary>The customer's requests (an organisation administrator: the organisation's), newest first; open, closed or all.</summary>
    public async Task<PagedList<RequestRow>> ForCustomerAsync(CustomerScope scope, string? state, int page, CancellationToken ct)
    {
        page = PagedList<RequestRow>.Normalize(page);
        var where = "r.organisation_id = @OrganisationId" + (scope.OrganisationAdmin ? "" : " AND r.created_by = @UserId")
            + state switch { "open" => " AND r.status <> 'closed'", "closed" => " AND r.status = 'closed'", _ => "" };
        var args = new { scope.OrganisationId, scope.UserId, Offset = PagedList<RequestRow>.Offset(page, PageSize), Limit = PageSize };
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM fb_requests r WHERE {where}", args);
        var rows = await c.QueryAsync<RequestRow>(
            $"SELECT {RequestRow.Columns} FROM fb_requests r WHERE {where} ORDER BY r.created_at DESC, r.id DESC LIMIT @Limit OFFSET @Offset", args);
        return new PagedList<RequestRow>([.. rows], page, PageSize, total);
    }

    /// <summary>The staff queue. Status "open" (the default) is everything but closed.</summary>
    public async Task<PagedList<RequestRow>> QueueAsync(QueueFilter filter, long? me, DateTimeOffset now, TimeSpan dueSoon, int page, CancellationToken ct)
    {
        page = PagedList<RequestRow>.Normalize(page);
        var where = new List<string>();
        var args = new DynamicParameters();
        var status = filter.Status ?? "open";
        // "Not closed" is repeated with a single open status so both databases see the open-requests index applies.
        if (status == "open") where.Add("r.status <> 'closed'");
        else if (RequestVocabulary.Statuses.Contains(status))
        {
            where.Add(status == RequestVocabulary.Closed ? "r.status = @Status" : "r.status = @Status AND r.status <> 'closed'");
            args.Add("Status", status);
        }
        if (filter.Type is { } type && RequestVocabulary.Types.Contains(type)) { where.Add("r.type = @Type"); args.Add("Type", type); }
        if (!filter.Complaints) { where.Add("r.type <> @Complaint"); args.Add("Complaint", RequestVocabulary.Complaint); }
        if (filter.Tier is { } tier) { where.Add("r.tier = @Tier"); args.Add("Tier", tier); }
        if (filter.Severity is { } severity) { where.Add("r.severity = @Severity"); args.Add("Severity", severity); }
        if (!string.IsNullOrWhiteSpace(filter.Product)) { where.Add("r.product_code = @Product"); args.Add("Product", filter.Product); }
        if (filter.Organisation is { } organisation) { where.Add("r.organisation_id = @Organisation"); args.Add("Organisation", organisation); }
        switch (filter.Assignee)
        {
            case "me":
                where.Add("r.assignee_id = @Me");
                args.Add("Me", me ?? -1);
                break;
            case "none":
                where.Add("r.assignee_id IS NULL");
                break;
            case { } id when long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var assignee):
                where.Add("r.assignee_id = @AssigneeId");
                args.Add("AssigneeId", assignee);
                break;
        }
        if (filter.Breached) { where.Add("r.next_due_at < @Now"); args.Add("Now", now); }
        if (filter.DueSoon)
        {
            where.Add("r.next_due_at >= @SoonFrom AND r.next_due_at <= @SoonTo");
            args.Add("SoonFrom", now);
            args.Add("SoonTo", now + dueSoon);
        }
        var order = filter.Sort switch
        {
            "newest" => "r.created_at DESC, r.id DESC",
            "updated" => "r.updated_at DESC, r.id DESC",
            "severity" => "(r.severity IS NULL), r.severity, (r.next_due_at IS NULL), r.next_due_at, r.id",
            _ => "(r.next_due_at IS NULL), r.next_due_at, r.created_at, r.id",
        };
        var sql = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        args.Add("Offset", PagedList<RequestRow>.Offset(page, PageSize));
        args.Add("Limit", PageSize);
        await using var c = await db.OpenAsync(ct);
        // Counted up to a cap: a count of every open request would cost more than the page itself.
        args.Add("CountCap", QueueCountCap + 1);
        var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM (SELECT 1 AS one FROM fb_requests r{sql} LIMIT @CountCap) counted", args);
        // The page's ids first (narrow rows, from the index), then those rows whole: sorting whole rows of every match was the slow part.
        var rows = await c.QueryAsync<RequestRow>($"""
            SELECT {RequestRow.Columns} FROM fb_requests r
            WHERE r.id IN (SELECT r.id FROM fb_requests r{sql} ORDER BY {order} LIMIT @Limit OFFSET @Offset)
            ORDER BY {order}
            """, args);
        return new PagedList<RequestRow>([.. rows], page, PageSize, Math.Min(total, QueueCountCap)) { TotalIsLowerBound = total > QueueCountCap };
    }
}
