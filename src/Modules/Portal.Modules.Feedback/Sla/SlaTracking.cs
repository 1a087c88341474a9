using System.Data.Common;
using Dapper;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.Feedback.Requests;
using static Portal.Modules.Feedback.Requests.RequestVocabulary;

namespace Portal.Modules.Feedback.Sla;

/// <summary>What the SLA watch and the compliance dashboard need besides the due times, kept in step
/// by <see cref="RequestWorkflow"/> in the transaction of every change: the service time of a target
/// that (re)starts (at submission, or recomputed, e.g. after a severity change; a resumed pause keeps
/// the target it had), and when and whether the resolution target was met, the first time a solution
/// is proposed or the request closes.</summary>
internal static class SlaTracking
{
    /// <summary>The request's targets before a change.</summary>
    public sealed record Before(string? Status, DateTimeOffset? RespondDueAt, DateTimeOffset? ResolveDueAt, long? ResolveLeftSeconds, DateTimeOffset? PausedAt)
    {
        public static readonly Before Nothing = new(null, null, null, null, null);

        public static Before Of(RequestRow r) => new(r.Status, r.RespondDueAt, r.ResolveDueAt, r.ResolveLeftSeconds, r.PausedAt);
    }

    public static async Task RecordAsync(DbConnection c, DbTransaction tx, IServiceClock clock, Before before, RequestRow row, DateTimeOffset now,
        CancellationToken ct)
    {
        if (row.RespondDueAt is { } respond && respond != before.RespondDueAt)
        {
            var seconds = (long)(await clock.ElapsedAsync(now, respond, row.BusinessHours, ct)).TotalSeconds;
            await c.ExecuteAsync("UPDATE fb_requests SET respond_target_seconds = @seconds WHERE id = @Id", new { seconds, row.Id }, tx);
        }
        var resumed = before.PausedAt is not null && row.PausedAt is null;
        if (row.ResolveDueAt is { } resolve && resolve != before.ResolveDueAt && !resumed)
        {
            var seconds = (long)(await clock.ElapsedAsync(now, resolve, row.BusinessHours, ct)).TotalSeconds;
            await c.ExecuteAsync("UPDATE fb_requests SET resolve_target_seconds = @seconds WHERE id = @Id", new { seconds, row.Id }, tx);
        }
        if (row.Status is Proposed or Closed && before.Status is not (Proposed or Closed) && before.Status is not null)
        {
            // Paused with time left counts as met; no target at all leaves resolve_met NULL.
            bool? met = before.ResolveDueAt is { } due ? now <= due : before.ResolveLeftSeconds is not null ? true : null;
            if (met is { } m)
                await c.ExecuteAsync("UPDATE fb_requests SET resolved_at = @now, resolve_met = @m WHERE id = @Id AND resolved_at IS NULL", new { now, m, row.Id }, tx);
            else
                await c.ExecuteAsync("UPDATE fb_requests SET resolved_at = @now WHERE id = @Id AND resolved_at IS NULL", new { now, row.Id }, tx);
        }
    }
}
