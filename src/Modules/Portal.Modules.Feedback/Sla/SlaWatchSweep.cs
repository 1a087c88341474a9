using System.Globalization;
using Dapper;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Feedback.Team;

namespace Portal.Modules.Feedback.Sla;

/// <summary>Watches every open request whose due time runs (the response until someone answered, then the
/// resolution; none while waiting on the customer or once a solution is proposed). When
/// <see cref="FeedbackOptions.WarnAtPercent"/> of the target's service time has elapsed, and again when
/// the due time has passed, the assignee and the leads of the request's tier are emailed and the timeline
/// gets an internal "warned" entry; when <see cref="FeedbackOptions.EscalateAtPercent"/> of a resolution
/// target has elapsed the request moves to the next tier. Each is done once per due time: the due time it
/// was done for is recorded by a conditional update on the row version, so a recomputed target warns again
/// and nodes running the sweep at once act once (the emails' dedup keys make a repeat harmless too).</summary>
internal sealed class SlaWatchSweep(
    IDb db, IOutbox outbox, IMediator mediator, IServiceClock serviceClock, TimeProvider clock, RequestWorkflow workflow,
    TeamDirectory team, SlaWarningEmails emails, IOptions<FeedbackOptions> options, ILogger<SlaWatchSweep> logger) : ISweep
{
    public string Name => "feedback.sla-watch";

    public TimeSpan Interval => TimeSpan.FromMinutes(5);

    private Dictionary<long, StaffUser>? staff;
    private readonly Dictionary<long, string> organisations = [];

    public async Task RunAsync(CancellationToken ct)
    {
        List<WatchedRequest> watched;
        await using (var c = await db.OpenAsync(ct))
        {
            watched = [.. await c.QueryAsync<WatchedRequest>($"""
                SELECT {WatchedRequest.Columns} FROM fb_requests r
                WHERE r.status <> 'closed' AND r.next_due_at IS NOT NULL AND r.status NOT IN ('waiting', 'proposed')
                  AND (r.warned_breach_due IS NULL OR r.warned_breach_due <> r.next_due_at
                       OR (r.first_response_at IS NOT NULL AND r.tier < @MaxTier
                           AND (r.auto_escalated_due IS NULL OR r.auto_escalated_due <> r.next_due_at)))
                ORDER BY r.next_due_at, r.id
                """, new { RequestWorkflow.MaxTier })];
        }
        foreach (var request in watched) await WatchAsync(request, ct);
    }

    private async Task WatchAsync(WatchedRequest r, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = r.NextDueAt;
        var total = r.TargetSeconds ?? (long)(await serviceClock.ElapsedAsync(r.CreatedAt, due, r.BusinessHours, ct)).TotalSeconds;
        var left = (await serviceClock.ElapsedAsync(now, due, r.BusinessHours, ct)).TotalSeconds;
        var breached = due < now;
        var percent = breached || total <= 0 ? 100 : (int)Math.Clamp(Math.Floor((total - left) * 100 / total), 0, 100);

        if (breached && r.WarnedBreachDue != due) await WarnAsync(r, SlaWarningEmails.Breach, percent, ct);
        else if (!breached && percent >= options.Value.WarnAtPercent && r.WarnedSoonDue != due) await WarnAsync(r, SlaWarningEmails.Warning, percent, ct);

        if (r.Target == SlaNotes.Resolve && r.Tier < RequestWorkflow.MaxTier && percent >= options.Value.EscalateAtPercent && r.AutoEscalatedDue != due)
            await EscalateAsync(r, ct);
    }

    private async Task WarnAsync(WatchedRequest r, string template, int percent, CancellationToken ct)
    {
        var recipients = await RecipientsAsync(r, ct);
        var organisation = await OrganisationAsync(r.OrganisationId, ct);
        var breach = template == SlaWarningEmails.Breach;
        var body = breach
            ? SlaNotes.Breached(r.Target, r.NextDueAt, recipients.Select(x => x.Name))
            : SlaNotes.Warning(r.Target, percent, r.NextDueAt, recipients.Select(x => x.Name));
        var sent = await db.WriteAsync(async (c, tx) =>
        {
            // A breach also stands for the warning it may have come without (the sweep did not run in between).
            var marked = await c.ExecuteAsync(breach
                ? """
                  UPDATE fb_requests SET warned_breach_due = next_due_at, warned_soon_due = next_due_at
                  WHERE id = @Id AND row_version = @RowVersion AND (warned_breach_due IS NULL OR warned_breach_due <> next_due_at)
                  """
                : """
                  UPDATE fb_requests SET warned_soon_due = next_due_at
                  WHERE id = @Id AND row_version = @RowVersion AND (warned_soon_due IS NULL OR warned_soon_due <> next_due_at)
                  """, new { r.Id, r.RowVersion }, tx);
            if (marked == 0) return false;
            await c.ExecuteAsync("""
                INSERT INTO fb_events (request_id, at, actor_id, actor_name, by_staff, kind, internal, body)
                VALUES (@Id, @now, NULL, @Name, @False, 'warned', @True, @body)
                """, new { r.Id, now = clock.GetUtcNow(), Actor.System.Name, False = false, True = true, body }, tx);
            foreach (var to in recipients)
            {
                var email = emails.Build(template, r, organisation, percent, to);
                await outbox.EnqueueAsync(c, tx, email, email.DedupKey);
            }
            return true;
        }, ct);
        if (sent) logger.LogInformation("SLA {Template} for {Reference} ({Percent}% of the {Target} target) to {Count} staff",
            template, r.Reference, percent, r.Target, recipients.Count);
    }

    private async Task EscalateAsync(WatchedRequest r, CancellationToken ct)
    {
        var marked = await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE fb_requests SET auto_escalated_due = next_due_at
            WHERE id = @Id AND row_version = @RowVersion AND (auto_escalated_due IS NULL OR auto_escalated_due <> next_due_at)
            """, new { r.Id, r.RowVersion }, tx), ct);
        if (marked == 0) return;
        var reason = SlaNotes.AutoEscalation(options.Value.EscalateAtPercent);
        var outcome = await workflow.EscalateAsync(r.Id, null, Actor.System, reason, ct);
        if (outcome == WorkflowOutcome.Conflict)
        {
            // Someone changed the request at that very moment: the next run tries again.
            await db.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE fb_requests SET auto_escalated_due = NULL WHERE id = @Id", new { r.Id }, tx), ct);
            return;
        }
        if (outcome == WorkflowOutcome.Done)
            logger.LogInformation("SLA: {Reference} escalated automatically from tier {Tier}", r.Reference, r.Tier);
    }

    /// <summary>The assignee and the leads of the request's tier, each once; staff no longer able to sign in are left out.</summary>
    private async Task<IReadOnlyList<SlaRecipient>> RecipientsAsync(WatchedRequest r, CancellationToken ct)
    {
        staff ??= (await mediator.Send(new ListStaffUsers(), ct)).ToDictionary(s => s.UserId);
        var ids = new List<long>();
        if (r.AssigneeId is { } assignee) ids.Add(assignee);
        var leads = await team.LeadsAsync(r.Tier, ct);
        ids.AddRange(leads.Select(l => l.UserId));
        var recipients = new List<SlaRecipient>();
        foreach (var id in ids.Distinct())
        {
            if (!staff.TryGetValue(id, out var user) || string.IsNullOrWhiteSpace(user.Email)) continue;
            recipients.Add(new SlaRecipient(id, user.Email, user.DisplayName, user.Language));
        }
        return recipients;
    }

    private async Task<string> OrganisationAsync(long id, CancellationToken ct)
    {
        if (organisations.TryGetValue(id, out var name)) return name;
        name = (await mediator.Send(new GetOrganisation(id), ct))?.Name ?? id.ToString(CultureInfo.InvariantCulture);
        organisations[id] = name;
        return name;
    }
}
