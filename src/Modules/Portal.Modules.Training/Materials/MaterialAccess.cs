using System.Security.Claims;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Training.Materials;

/// <summary>The one place that says who may download a course's materials. For now staff only;
/// enrollment adds "a trainee enrolled in a session of the course" here.</summary>
internal sealed class MaterialAccess
{
    public Task<bool> MayReadAsync(ClaimsPrincipal user, long course, CancellationToken ct) => Task.FromResult(user.IsStaff());
}
