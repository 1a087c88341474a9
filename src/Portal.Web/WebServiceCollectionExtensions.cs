using System.Globalization;
using System.Net;
using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;
using Portal.Web.Localization;
using Portal.Web.Security;
using Portal.Web.Storage;
using Portal.Modules.Core.Storage;

namespace Portal.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Rate-limit policy for sign-in and password reset POSTs.</summary>
    public const string AuthRateLimit = "auth";

    public static IServiceCollection AddPortalWeb(this IServiceCollection services)
    {
        services.AddSingleton(p => new StringTable(
            p.GetServices<PortalModule>().Select(m => m.Assembly).Append(typeof(WebServiceCollectionExtensions).Assembly)));
        services.AddSingleton<JsonStringLocalizer>();
        services.AddSingleton<IStringLocalizer>(p => p.GetRequiredService<JsonStringLocalizer>());
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.AddScoped<Navigation.Navigation>();
        services.AddSingleton<Formatting.DisplayTime>();
        services.AddScoped<MediatR.IRequestHandler<Pages.IndexModel.Query, IReadOnlyList<HomeNotice>>, Pages.IndexModel.Handler>();
        // Chinese text stays readable in the HTML instead of becoming &#x...; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<MvcOptions>, LocalizedBindingMessages>();

        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeAreaFolder("Admin", "/", PortalPolicies.Admin);
                o.Conventions.Add(new Security.RouteIdsFromRouteOnly());
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add(new Export.GeneratedFilesNoStore());
                o.ModelMetadataDetailsProviders.Add(new ImplicitRequiredMessage());
                o.ModelBinderProviders.Insert(0, new Forms.UnreadableCheckboxBinder.Provider());
                o.Filters.Add(new Security.NulCharactersRefused());
            })
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(WebServiceCollectionExtensions)))
            .ConfigureApplicationPartManager(parts => AddModuleParts(services, parts));

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "portal.af";
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });

        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = PortalCultures.Supported.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(PortalCultures.Chinese);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // The cookie (set by the language switch and at sign-in) decides; a first visit is Chinese.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        services.AddSingleton<IAuthorizationHandler, SecondFactorHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, PortalAuthorizationResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(PortalPolicies.Customer, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.OrganisationId))
            .AddPolicy(PortalPolicies.Staff, p => p.RequireRole(PortalRoles.Staff, PortalRoles.Admin).AddRequirements(new SecondFactorRequirement(forStaff: true)))
            .AddPolicy(PortalPolicies.OrganisationAdmin, p => p.RequireClaim(PortalClaims.OrganisationAdmin).RequireClaim(PortalClaims.OrganisationId))
            .AddPolicy(PortalPolicies.Admin, p => p.RequireRole(PortalRoles.Admin).AddRequirements(new SecondFactorRequirement()));

        services.AddReverseProxy();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, config) =>
        {
            var permits = config.GetValue("RateLimits:AuthPermitsPerMinute", 10);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(AuthRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.Loopback.ToString(),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("reads"));
        });
        return services;
    }

    // The host's generated list of page assemblies is not refreshed when a referenced module gains
    // its first page (incremental builds), so every registered module is added explicitly.
    private static void AddModuleParts(IServiceCollection services, ApplicationPartManager parts)
    {
        var modules = services.Select(d => d.ImplementationInstance).OfType<PortalModule>().Select(m => m.Assembly);
        foreach (var assembly in modules.Append(typeof(WebServiceCollectionExtensions).Assembly).Distinct())
        {
            if (parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly)) continue;
            // The factory yields the compiled-Razor part too, which holds the module's pages.
            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                parts.ApplicationParts.Add(part);
        }
    }

    /// <summary>The middleware order every Portal host uses.</summary>
    public static WebApplication UsePortalWeb(this WebApplication app)
    {
        app.UseReverseProxy();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler(StorageFullAnswers.ExceptionHandler(app.Services.GetRequiredService<StorageAlarm>()));
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        // Files need no session, and checking it there races with the page that changes it (a file
        // fetched with the old cookie would sign the user out). The marker stops WebApplication
        // from adding authentication in front of everything, as it does when the call it sees is
        // inside a branch; SessionCookieTests fail if it ever stops working.
        app.UseWhen(context => context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null,
            branch => branch.UseAuthentication());
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
        app.UseAuthorization();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
