using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Modules.Accounts.Identity;

/// <summary>Checks the security stamp on every request (see AccountsModule) but rebuilds the
/// principal for that request only. The stock validator also re-issues the cookie each time, so
/// every response carried a Set-Cookie; a slower response holding the old stamp could then
/// overwrite the cookie a stamp change had just issued and sign the user out.</summary>
internal sealed class PortalSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options, SignInManager<PortalUser> signIn, ILoggerFactory logger)
    : SecurityStampValidator<PortalUser>(options, signIn, logger)
{
    protected override async Task SecurityStampVerified(PortalUser user, CookieValidatePrincipalContext context)
    {
        await base.SecurityStampVerified(user, context);
        context.ShouldRenew = false;
    }
}
