using System.Security.Claims;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Training.Materials;

/// <summary>The one place that says who may download a course's materials: staff, and trainees who hold
/// a seat in a session of the course.</summary>
internal sealed class MaterialAccess(IDb db)
{
    public async Task<bool> MayReadAsync(ClaimsPrincipal user, long course, CancellationToken ct)
    {
        if (user.IsStaff()) return true;
        if (user.UserId() is not { } trainee) return false;
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM tr_enrollments e JOIN tr_sessions s ON s.id = e.session_id
            WHERE e.trainee_user_id = @trainee AND e.state = 'enrolled' AND s.course_id = @course
            """, new { trainee, course }) > 0;
    }
}
