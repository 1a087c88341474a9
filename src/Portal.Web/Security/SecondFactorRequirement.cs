using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Portal.Web.Security;

/// <summary>Met when the user signed in with a second factor (Identity adds amr=mfa then).</summary>
public sealed class SecondFactorRequirement : AuthorizationHandler<SecondFactorRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        if (context.User.HasClaim("amr", "mfa")) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>Sends a signed-in admin who lacks the second factor to the two-factor page instead of
/// a bare 403, so the way forward is clear.</summary>
public sealed class PortalAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public const string TwoFactorSetupPath = "/Account/TwoFactor";
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<SecondFactorRequirement>().Any() == true
            && authorizeResult.AuthorizationFailure.FailedRequirements.Count() == 1
            && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Redirect($"{TwoFactorSetupPath}?required=1");
            return Task.CompletedTask;
        }
        return fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
