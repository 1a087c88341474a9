using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Surveys.FollowUps;

/// <summary>A follow-up's request closed: the follow-up is closed and its re-survey is the after-service-request
/// invitation <see cref="Invitations.RequestClosedHandler"/> makes for that request (once per request). Safe to run
/// again (a reopened request closed again keeps its first closing time and invitation).</summary>
internal sealed class FollowUpClosing(IDb db, TimeProvider clock)
{
    public Task RecordAsync(long requestId, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE sv_followups SET state = 'closed', closed_at = COALESCE(closed_at, @now),
                resurvey_invitation_id = COALESCE(resurvey_invitation_id,
                    (SELECT MIN(i.id) FROM sv_invitations i WHERE i.subject_kind = 'request' AND i.subject_id = @requestId))
            WHERE request_id = @requestId
            """, new { requestId, now = clock.GetUtcNow() }, tx), ct);
}
