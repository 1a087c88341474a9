using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Identity;
using Portal.Testing;

namespace Portal.Host.Tests;

/// <summary>Test-only routes added behind the portal's own pipeline through a startup filter (src
/// has none of this): they are reached only when no portal endpoint matched, so they run inside the
/// portal's exception handler and status-code pages, and they never appear among its endpoints.</summary>
internal static class TestHooks
{
    /// <summary>Throws an exception carrying <see cref="SecretText"/>.</summary>
    public const string ThrowPath = "/__test/throw";

    public const string SecretText = "Sensitive detail 7F3A from the database layer";

    /// <summary>?email=… signs that user in the way SignInManager does after a valid two-factor
    /// code (an "amr=mfa" claim); the two-factor sign-in page itself is not part of this branch.</summary>
    public const string SecondFactorSignInPath = "/__test/sign-in-with-second-factor";

    /// <summary>A second host on the same database, with the hooks.</summary>
    public static WebApplicationFactory<Program> WithTestHooks(this PortalWebApp app) =>
        app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, HooksFilter>()));

    public static HttpClient Browser(this WebApplicationFactory<Program> web) =>
        web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private sealed class HooksFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(ThrowPath, b => b.Run(_ => throw new InvalidOperationException(SecretText)));
            app.Map(SecondFactorSignInPath, b => b.Run(SignInWithSecondFactorAsync));
        };
    }

    private static async Task SignInWithSecondFactorAsync(HttpContext context)
    {
        var signIn = context.RequestServices.GetRequiredService<SignInManager<PortalUser>>();
        var email = context.Request.Query["email"].ToString();
        var user = await signIn.UserManager.FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No account {email}.");
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
