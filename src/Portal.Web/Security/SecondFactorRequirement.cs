using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Portal.Web.Security;

/// <summary>Met when the user signed in with a second factor (Identity adds amr=mfa then). The
/// staff pages' requirement (<see cref="ForStaff"/>) is also met when the setting
/// <c>Accounts:RequireTwoFactorForStaff</c> is false; the administration pages always need it.</summary>
public sealed class SecondFactorRequirement(bool forStaff = false) : IAuthorizationRequirement
{
    public const string StaffSetting = "Accounts:RequireTwoFactorForStaff";

    public bool ForStaff { get; } = forStaff;

    /// <summary>Whether staff (not only admins) must use two-factor authentication: on unless turned off.</summary>
    public static bool RequiredForStaff(IConfiguration configuration) => configuration.GetValue(StaffSetting, true);
}

public sealed class SecondFactorHandler(IConfiguration configuration) : AuthorizationHandler<SecondFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        if (context.User.HasClaim("amr", "mfa") || (requirement.ForStaff && !SecondFactorRequirement.RequiredForStaff(configuration)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>Sends a signed-in staff member or admin who lacks the second factor to the two-factor
/// page instead of a bare 403, so the way forward is clear.</summary>
public sealed class PortalAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public const string TwoFactorSetupPath = "/Account/TwoFactor";
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true
            && OnlySecondFactorMissing(authorizeResult.AuthorizationFailure)
            && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Redirect($"{TwoFactorSetupPath}?required=1");
            return Task.CompletedTask;
        }
        return fallback.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>True when the second factor is the only thing the user lacks.</summary>
    public static bool OnlySecondFactorMissing(AuthorizationFailure? failure) =>
        failure is not null && !failure.FailCalled && failure.FailedRequirements.Any()
        && failure.FailedRequirements.All(r => r is SecondFactorRequirement);
}
