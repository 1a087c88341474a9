using System.Security.Claims;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Requests;

namespace Portal.Modules.Feedback.Team;

/// <summary>What a staff member may see of requests: everything except complaints, which only service
/// supervisors and admins handle. To everyone else a complaint does not exist (404, not in the queue).</summary>
internal static class StaffAccess
{
    public static async Task<bool> HandlesComplaintsAsync(ClaimsPrincipal user, TeamDirectory team, CancellationToken ct) =>
        user.IsInRole(PortalRoles.Admin) || (user.IsStaff() && user.UserId() is { } id && await team.IsSupervisorAsync(id, ct));

    /// <summary>The request when <paramref name="user"/> is staff and may see it; otherwise null.</summary>
    public static async Task<RequestRow?> RequestAsync(ClaimsPrincipal user, long id, RequestQueries queries, TeamDirectory team, CancellationToken ct)
    {
        if (!user.IsStaff() || await queries.RequestAsync(id, ct) is not { } request) return null;
        return request.Type != RequestVocabulary.Complaint || await HandlesComplaintsAsync(user, team, ct) ? request : null;
    }
}
