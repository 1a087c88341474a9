using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Accounts.Sessions;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts;

public static class AccountsModule
{
    public const string Name = "Accounts";

    public static IServiceCollection AddAccountsModule(this IServiceCollection services)
    {
        services.AddPortalModule(Name, typeof(AccountsModule).Assembly, order: 10);
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddSingleton<DummyPassword>();
        services.AddScoped<Invitations.InvitationService>();
        services.AddScoped<IUserStore<PortalUser>, UserStore>();
        services.AddIdentityCore<PortalUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = false;
            })
            .AddSignInManager<PortalSignInManager>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));
        // Checked on every request, so locking a user, changing their role or deactivating their
        // organisation takes effect on their next request, not 30 minutes later.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            o.OnRefreshingPrincipal = PortalSignInManager.KeepSignInMethod;
        });
        services.AddScoped<ISecurityStampValidator, PortalSecurityStampValidator>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Error/403";
            o.Cookie.Name = "portal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        // Server-side sessions (issue 17 §1): the cookie carries only a session key; see SessionStore.
        services.AddOptions<SignInSessionOptions>().BindConfiguration(SignInSessionOptions.Section);
        services.AddMemoryCache();
        services.AddSingleton<SessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<SessionStore>((o, store) => o.SessionStore = store);

        services.AddNavEntry(new NavEntry(NavSection.Account, "Profile", "Account", "/Profile", PortalPolicies.SignedIn, 10));
        services.AddNavEntry(new NavEntry(NavSection.Account, "Change password", "Account", "/ChangePassword", PortalPolicies.SignedIn, 20));
        services.AddNavEntry(new NavEntry(NavSection.Account, "Two-factor authentication", "Account", "/TwoFactor", PortalPolicies.SignedIn, 30));
        services.AddNavEntry(new NavEntry(NavSection.Account, "Where you are signed in", "Account", "/Sessions", PortalPolicies.SignedIn, 35));
        services.AddNavEntry(new NavEntry(NavSection.Admin, "Organisations", "Admin", "/Organisations/Index", PortalPolicies.Admin, 10));
        services.AddNavEntry(new NavEntry(NavSection.Admin, "Users", "Admin", "/Users/Index", PortalPolicies.Admin, 20));
        services.AddNavEntry(new NavEntry(NavSection.Admin, "Invitations", "Admin", "/Invitations/Index", PortalPolicies.Admin, 25));
        services.AddNavEntry(new NavEntry(NavSection.Admin, "Security log", "Admin", "/AuditLog/Index", PortalPolicies.Admin, 30));
        return services;
    }
}
