using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Files;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Feedback.Attachments;
using Portal.Modules.Feedback.Contracts;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.Feedback.Sla;
using Portal.Modules.Feedback.Team;
using static Portal.Modules.Feedback.Requests.RequestVocabulary;

namespace Portal.Modules.Feedback.Requests;

/// <summary>Every change to a request, each in one transaction with its timeline entries, its
/// attachments, the customer's email and (on closing) <see cref="RequestClosed"/> in the outbox.
/// A change is made against the row version the actor saw (staff) and refused when someone changed
/// the request in between. Staged attachment files are deleted when the change is refused or fails,
/// so nothing is half-stored. While a request waits on the customer the resolution clock stops:
/// the service time left is kept and a new due time is computed when it resumes.</summary>
internal sealed class RequestWorkflow(IDb db, IOutbox outbox, IServiceClock serviceClock, TimeProvider clock, IFileStore files,
    RequestEmails emails, IOptions<FeedbackOptions> options, IOptions<PortalOptions> portal)
{
    private sealed record Entry(string Kind, bool Internal, string Body = "", string? From = null, string? To = null, string? Email = null);

    private sealed record Decision(WorkflowOutcome Outcome, IReadOnlyList<Entry> Entries)
    {
        public static Decision Refused(WorkflowOutcome outcome) => new(outcome, []);
    }

    /// <param name="alsoInTransaction">Optional extra writes committed with the new request (e.g. the survey follow-up link).</param>
    public async Task<RequestRow> CreateAsync(NewRequest input, SlaPlan plan, IReadOnlyList<StagedAttachment> staged, CancellationToken ct,
        Func<DbConnection, DbTransaction, RequestRow, Task>? alsoInTransaction = null)
    {
        try
        {
            return await db.WriteAsync(async (c, tx) =>
            {
                var now = clock.GetUtcNow();
                var year = TimeZoneInfo.ConvertTime(now, portal.Value.VendorTimeZone).Year;
                var number = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO fb_counters (year, last) VALUES (@year, 1)
                    ON CONFLICT (year) DO UPDATE SET last = fb_counters.last + 1
                    RETURNING last
                    """, new { year }, tx);
                var reference = string.Create(CultureInfo.InvariantCulture, $"FB-{year}-{number:000000}");
                var id = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO fb_requests (reference, organisation_id, created_by, contact_name, contact_email, contact_language, contact_phone,
                        type, product_code, product_version, severity, title, description, status, covered, service_level, business_hours,
                        respond_due_at, resolve_due_at, next_due_at, created_at, updated_at)
                    VALUES (@reference, @OrganisationId, @ContactId, @ContactName, @ContactEmail, @ContactLanguage, @ContactPhone,
                        @Type, @ProductCode, @ProductVersion, @Severity, @Title, @Description, 'new', @Covered, @Level, @BusinessHours,
                        @RespondDue, @ResolveDue, @RespondDue, @now, @now)
                    RETURNING id
                    """, new
                {
                    reference, input.OrganisationId, ContactId = input.Contact.Id, ContactName = input.Contact.Name, input.ContactEmail,
                    input.ContactLanguage, input.ContactPhone, input.Type, input.ProductCode, input.ProductVersion, input.Severity,
                    input.Title, input.Description, plan.Covered, plan.Level, plan.BusinessHours, plan.RespondDue, plan.ResolveDue, now,
                }, tx);
                var row = await c.QuerySingleAsync<RequestRow>($"SELECT {RequestRow.Columns} FROM fb_requests r WHERE r.id = @id", new { id }, tx);
                await SlaTracking.RecordAsync(c, tx, serviceClock, SlaTracking.Before.Nothing, row, now, ct);
                await RecordAsync(c, tx, row, input.Contact, new Entry("created", false, To: New, Email: RequestEmails.Submitted), staged, now);
                if (alsoInTransaction is not null) await alsoInTransaction(c, tx, row);
                if (row.Type == Complaint)
                    await outbox.EnqueueAsync(c, tx, new ComplaintSubmitted(row.Id), string.Create(CultureInfo.InvariantCulture, $"feedback.complaint:{row.Id}"));
                return row;
            }, ct);
        }
        catch
        {
            Discard(staged);
            throw;
        }
    }

    /// <summary>A staff reply (public) or internal note, optionally followed by a status change.</summary>
    public Task<WorkflowOutcome> StaffReplyAsync(long id, int rowVersion, Actor actor, string body, bool isInternal, string? statusAfter,
        IReadOnlyList<StagedAttachment> staged, CancellationToken ct) =>
        ChangeAsync(id, rowVersion, actor, staged, async (r, now) =>
        {
            if (r.IsClosed) return Decision.Refused(WorkflowOutcome.Closed);
            if (statusAfter is not null && !StaffMayMove(r.Status, statusAfter)) return Decision.Refused(WorkflowOutcome.NotAllowed);
            var entries = new List<Entry> { new(isInternal ? "note" : "reply", isInternal, body, Email: isInternal ? null : RequestEmails.Reply) };
            if (!isInternal)
            {
                r.FirstResponseAt ??= now;
                statusAfter ??= r.Status is New or Reopened ? InProgress : null;
            }
            if (statusAfter is not null && statusAfter != r.Status)
                entries.Add(await MoveAsync(r, statusAfter, now, "staff", ct) with { Email = isInternal ? RequestEmails.StatusChanged : null });
            r.NextDueAt = NextDue(r);
            return new Decision(WorkflowOutcome.Done, entries);
        }, ct);

    public Task<WorkflowOutcome> ChangeStatusAsync(long id, int rowVersion, Actor actor, string to, CancellationToken ct) =>
        ChangeAsync(id, rowVersion, actor, [], async (r, now) =>
        {
            if (r.IsClosed && to == Reopened) return new Decision(WorkflowOutcome.Done, [await MoveAsync(r, Reopened, now, null, ct) with { Email = RequestEmails.StatusChanged }]);
            if (!StaffMayMove(r.Status, to)) return Decision.Refused(r.IsClosed ? WorkflowOutcome.Closed : WorkflowOutcome.NotAllowed);
            return new Decision(WorkflowOutcome.Done, [await MoveAsync(r, to, now, "staff", ct) with { Email = RequestEmails.StatusChanged }]);
        }, ct);

    public Task<WorkflowOutcome> AssignAsync(long id, int rowVersion, Actor actor, long? assigneeId, string? assigneeName, CancellationToken ct) =>
        ChangeAsync(id, rowVersion, actor, [], (r, _) =>
        {
            if (r.AssigneeId == assigneeId) return Task.FromResult(Decision.Refused(WorkflowOutcome.Done));
            r.AssigneeId = assigneeId;
            r.AssigneeName = assigneeId is null ? null : assigneeName;
            return Task.FromResult(new Decision(WorkflowOutcome.Done, [new Entry("assigned", true, assigneeName ?? "")]));
        }, ct);

    /// <summary>Moves an open request to the next tier with the reason, by hand (staff, against the row version they saw)
    /// or automatically (<paramref name="rowVersion"/> null, <see cref="Actor.System"/>). Tier 3 is the last; a closed request stays where it is.</summary>
    public Task<WorkflowOutcome> EscalateAsync(long id, int? rowVersion, Actor actor, string reason, CancellationToken ct) =>
        ChangeAsync(id, rowVersion, actor, [], (r, now) =>
        {
            if (r.IsClosed) return Task.FromResult(Decision.Refused(WorkflowOutcome.Closed));
            if (r.Tier >= MaxTier) return Task.FromResult(Decision.Refused(WorkflowOutcome.NotAllowed));
            var from = r.Tier;
            r.Tier++;
            r.EscalatedAt = now;
            return Task.FromResult(new Decision(WorkflowOutcome.Done, [new Entry("escalated", true, reason,
                from.ToString(CultureInfo.InvariantCulture), r.Tier.ToString(CultureInfo.InvariantCulture))]));
        }, ct);

    /// <summary>Staff change a problem's severity: the due times still running are recomputed from this moment by
    /// <paramref name="plan"/> (the targets for the new severity, as at submission; a request not covered stays without
    /// due times). The timeline shows the change; the customer gets no email for it.</summary>
    public Task<WorkflowOutcome> ChangeSeverityAsync(long id, int rowVersion, Actor actor, int severity, SlaPlan plan, CancellationToken ct) =>
        ChangeAsync(id, rowVersion, actor, [], async (r, now) =>
        {
            if (r.IsClosed) return Decision.Refused(WorkflowOutcome.Closed);
            if (r.Type != Problem || !Severities.Contains(severity)) return Decision.Refused(WorkflowOutcome.NotAllowed);
            if (r.Severity == severity) return Decision.Refused(WorkflowOutcome.Done);
            var from = r.Severity;
            r.Severity = severity;
            if (r.Covered && plan.Covered)
            {
                if (r.FirstResponseAt is null) r.RespondDueAt = plan.RespondDue;
                if (r.PausedAt is not null)
                {
                    r.ResolveLeftSeconds = plan.ResolveDue is { } due ? (long)(await serviceClock.ElapsedAsync(now, due, r.BusinessHours, ct)).TotalSeconds : null;
                    r.ResolveDueAt = null;
                }
                else r.ResolveDueAt = plan.ResolveDue;
            }
            r.NextDueAt = NextDue(r);
            return new Decision(WorkflowOutcome.Done, [new Entry("severity", false, "",
                from?.ToString(CultureInfo.InvariantCulture), severity.ToString(CultureInfo.InvariantCulture))]);
        }, ct);

    /// <summary>The customer answers: a request waiting on them or with a proposed solution goes back to work (the clock resumes).</summary>
    public Task<WorkflowOutcome> CustomerReplyAsync(long id, Actor actor, string body, IReadOnlyList<StagedAttachment> staged, CancellationToken ct) =>
        ChangeAsync(id, null, actor, staged, async (r, now) =>
        {
            if (r.IsClosed) return Decision.Refused(WorkflowOutcome.Closed);
            var entries = new List<Entry> { new("reply", false, body) };
            if (r.Status is Waiting or Proposed) entries.Add(await MoveAsync(r, InProgress, now, null, ct));
            return new Decision(WorkflowOutcome.Done, entries);
        }, ct);

    public Task<WorkflowOutcome> ConfirmAsync(long id, Actor actor, CancellationToken ct) =>
        ChangeAsync(id, null, actor, [], async (r, now) => r.Status != Proposed
            ? Decision.Refused(r.IsClosed ? WorkflowOutcome.Closed : WorkflowOutcome.NotAllowed)
            : new Decision(WorkflowOutcome.Done, [await MoveAsync(r, Closed, now, "confirmed", ct)]), ct);

    /// <summary>The customer reopens a closed request within the reopening window.</summary>
    public Task<WorkflowOutcome> ReopenAsync(long id, Actor actor, CancellationToken ct) =>
        ChangeAsync(id, null, actor, [], async (r, now) => !r.CanReopen(now)
            ? Decision.Refused(r.IsClosed ? WorkflowOutcome.Closed : WorkflowOutcome.NotAllowed)
            : new Decision(WorkflowOutcome.Done, [await MoveAsync(r, Reopened, now, null, ct)]), ct);

    /// <summary>Closes the request when its solution has been proposed since <paramref name="cutoff"/> or longer; false otherwise
    /// (already closed by another node, answered, confirmed).</summary>
    public async Task<bool> AutoCloseAsync(long id, DateTimeOffset cutoff, CancellationToken ct) =>
        await ChangeAsync(id, null, Actor.System, [], async (r, now) => r.Status != Proposed || r.ProposedAt > cutoff
            ? Decision.Refused(WorkflowOutcome.NotAllowed)
            : new Decision(WorkflowOutcome.Done, [await MoveAsync(r, Closed, now, "auto", ct) with { Email = RequestEmails.AutoClosed }]), ct) == WorkflowOutcome.Done;

    public const int MaxTier = 3;

    /// <summary>Which statuses staff may move a request to by hand.</summary>
    public static bool StaffMayMove(string from, string to) =>
        from != Closed && from != to && StaffStatuses.Contains(to);

    private async Task<WorkflowOutcome> ChangeAsync(long id, int? rowVersion, Actor actor, IReadOnlyList<StagedAttachment> staged,
        Func<RequestRow, DateTimeOffset, Task<Decision>> decide, CancellationToken ct)
    {
        try
        {
            var outcome = await db.WriteAsync(async (c, tx) =>
            {
                var row = await c.QuerySingleOrDefaultAsync<RequestRow>($"SELECT {RequestRow.Columns} FROM fb_requests r WHERE r.id = @id", new { id }, tx);
                if (row is null) return WorkflowOutcome.NotFound;
                if (rowVersion is { } expected && expected != row.RowVersion) return WorkflowOutcome.Conflict;
                var now = clock.GetUtcNow();
                var seen = row.RowVersion;
                var sla = SlaTracking.Before.Of(row);
                var decision = await decide(row, now);
                if (decision.Outcome != WorkflowOutcome.Done || decision.Entries.Count == 0) return decision.Outcome;
                var saved = await c.ExecuteAsync("""
                    UPDATE fb_requests SET status = @Status, severity = @Severity, first_response_at = @FirstResponseAt, respond_due_at = @RespondDueAt,
                        resolve_due_at = @ResolveDueAt, paused_at = @PausedAt, resolve_left_seconds = @ResolveLeftSeconds, next_due_at = @NextDueAt,
                        assignee_id = @AssigneeId, assignee_name = @AssigneeName, proposed_at = @ProposedAt, closed_at = @ClosedAt,
                        close_reason = @CloseReason, reopen_until = @ReopenUntil, tier = @Tier, escalated_at = @EscalatedAt, row_version = row_version + 1, updated_at = @now
                    WHERE id = @Id AND row_version = @seen
                    """, new
                {
                    row.Status, row.Severity, row.FirstResponseAt, row.RespondDueAt, row.ResolveDueAt, row.PausedAt, row.ResolveLeftSeconds, row.NextDueAt,
                    row.AssigneeId, row.AssigneeName, row.ProposedAt, row.ClosedAt, row.CloseReason, row.ReopenUntil, row.Tier, row.EscalatedAt, now, row.Id, seen,
                }, tx);
                if (saved == 0) return WorkflowOutcome.Conflict;
                row.RowVersion = seen + 1;
                await SlaTracking.RecordAsync(c, tx, serviceClock, sla, row, now, ct);
                for (var i = 0; i < decision.Entries.Count; i++)
                    await RecordAsync(c, tx, row, actor, decision.Entries[i], i == 0 ? staged : [], now);
                return WorkflowOutcome.Done;
            }, ct);
            if (outcome != WorkflowOutcome.Done) Discard(staged);
            return outcome;
        }
        catch
        {
            Discard(staged);
            throw;
        }
    }

    private async Task RecordAsync(DbConnection c, DbTransaction tx, RequestRow row, Actor actor, Entry entry, IReadOnlyList<StagedAttachment> staged, DateTimeOffset now)
    {
        var eventId = await c.ExecuteScalarAsync<long>("""
            INSERT INTO fb_events (request_id, at, actor_id, actor_name, by_staff, kind, internal, body, from_status, to_status)
            VALUES (@RequestId, @now, @ActorId, @ActorName, @ByStaff, @Kind, @Internal, @Body, @From, @To)
            RETURNING id
            """, new { RequestId = row.Id, now, ActorId = actor.Id, ActorName = actor.Name, ByStaff = actor.Staff, entry.Kind, entry.Internal, entry.Body, entry.From, entry.To }, tx);
        foreach (var file in staged)
        {
            await c.ExecuteAsync("""
                INSERT INTO fb_attachments (request_id, event_id, internal, store_key, file_name, size, sha256, created_at)
                VALUES (@RequestId, @eventId, @Internal, @Key, @FileName, @Size, @Sha256, @now)
                """, new { RequestId = row.Id, eventId, entry.Internal, file.Key, file.FileName, file.Size, file.Sha256, now }, tx);
        }
        if (entry.Email is { } template && !entry.Internal && await emails.WantedAsync(template, row, CancellationToken.None))
        {
            var email = emails.Build(template, row, string.Create(CultureInfo.InvariantCulture, $"{template}:{eventId}"), entry.Body);
            await outbox.EnqueueAsync(c, tx, email, email.DedupKey);
        }
        if (entry.To == Closed)
        {
            var closed = new RequestClosed(row.Id, row.Reference, row.OrganisationId, row.CreatedBy, row.ContactEmail, row.ContactLanguage, row.Type,
                row.ProductCode, row.CloseReason ?? "staff", now, row.RowVersion, row.AssigneeName ?? (actor.Staff ? actor.Name : null));
            await outbox.EnqueueAsync(c, tx, closed, string.Create(CultureInfo.InvariantCulture, $"feedback.closed:{row.Id}:{row.RowVersion}"));
        }
    }

    /// <summary>Moves the request to <paramref name="to"/>: the clock pauses on entering "waiting" and resumes on leaving it;
    /// closing sets the reopening window. Returns the timeline entry.</summary>
    private async Task<Entry> MoveAsync(RequestRow r, string to, DateTimeOffset now, string? closeReason, CancellationToken ct)
    {
        var from = r.Status;
        if (to == Waiting && from != Waiting)
        {
            r.PausedAt = now;
            if (r.ResolveDueAt is { } due && due > now)
            {
                r.ResolveLeftSeconds = (long)(await serviceClock.ElapsedAsync(now, due, r.BusinessHours, ct)).TotalSeconds;
                r.ResolveDueAt = null;
            }
        }
        else if (from == Waiting && to != Waiting)
        {
            if (r.ResolveLeftSeconds is { } left && to != Closed)
                r.ResolveDueAt = await serviceClock.DueAsync(now, TimeSpan.FromSeconds(left), r.BusinessHours, ct);
            r.ResolveLeftSeconds = null;
            r.PausedAt = null;
        }
        r.Status = to;
        if (to == Proposed) r.ProposedAt = now;
        else if (to != Closed) r.ProposedAt = null;
        if (to == Closed)
        {
            r.ClosedAt = now;
            r.CloseReason = closeReason;
            r.ReopenUntil = now.AddMonths(options.Value.ReopenWithinMonths);
        }
        else
        {
            r.ClosedAt = null;
            r.CloseReason = null;
            r.ReopenUntil = null;
        }
        r.NextDueAt = NextDue(r);
        return new Entry(to == Closed ? "closed" : to == Reopened ? "reopened" : "status", false, "", from, to);
    }

    /// <summary>The next due time: the response until someone answered, then the resolution; none once a solution is proposed or the request is closed.</summary>
    private static DateTimeOffset? NextDue(RequestRow r) =>
        r.Status is Closed or Proposed ? null : r.FirstResponseAt is null ? r.RespondDueAt : r.ResolveDueAt;

    private void Discard(IReadOnlyList<StagedAttachment> staged)
    {
        foreach (var file in staged) files.Delete(file.Key);
    }
}
