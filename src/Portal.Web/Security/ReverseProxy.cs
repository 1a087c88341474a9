using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;

namespace Portal.Web.Security;

/// <summary>Running behind HAProxy or nginx: X-Forwarded-For and X-Forwarded-Proto are believed only
/// when the connection comes from an address in <c>Portal:KnownProxies</c> (IP addresses or CIDR
/// networks; none by default, not even loopback, so without the setting the headers are ignored).
/// When the public base URL is https, responses to https requests carry HSTS and every cookie is
/// Secure; on an http base URL (the demo) nothing changes.</summary>
public static class ReverseProxy
{
    public const string KnownProxiesSetting = "Portal:KnownProxies";

    /// <summary>Half a year: long enough to matter, short enough to recover from a certificate mistake.</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(180);

    public static IServiceCollection AddReverseProxy(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only what is configured is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds 127.0.0.0/8 and is still consulted
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            // No fixed hop count: entries are taken from the right while the address they came from
            // is a known proxy, so the client address is the right-most one no known proxy added
            // (a chain of known proxies works; what a client wrote on the left is never reached).
            o.ForwardLimit = null;
            foreach (var entry in KnownProxies(configuration))
            {
                if (entry.Contains('/', StringComparison.Ordinal)) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                else o.KnownProxies.Add(IPAddress.Parse(entry));
            }
        });
        services.AddOptions<CookiePolicyOptions>().Configure<IOptions<PortalOptions>>((o, portal) =>
        {
            if (IsHttps(portal.Value)) o.Secure = CookieSecurePolicy.Always;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = HstsMaxAge;
            o.IncludeSubDomains = false;
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after it (rate limit, security log, sessions)
    /// sees the client's address and scheme.</summary>
    public static IApplicationBuilder UseReverseProxy(this IApplicationBuilder app)
    {
        // Empty lists would make the middleware believe every sender: without the setting it is left out.
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        if (KnownProxies(configuration).Count > 0) app.UseForwardedHeaders();
        var portal = app.ApplicationServices.GetRequiredService<IOptions<PortalOptions>>().Value;
        if (IsHttps(portal)) app.UseHsts();
        app.UseCookiePolicy();
        return app;
    }

    public static bool IsHttps(PortalOptions portal) =>
        Uri.TryCreate(portal.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    /// <summary>The setting as a list (Portal:KnownProxies:0, :1, …) or as one value separated by
    /// commas, semicolons or spaces (handy in an environment variable). A malformed entry stops the
    /// start with its name rather than being skipped.</summary>
    public static IReadOnlyList<string> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(KnownProxiesSetting);
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        var entries = values
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        foreach (var entry in entries)
        {
            var valid = entry.Contains('/', StringComparison.Ordinal)
                ? System.Net.IPNetwork.TryParse(entry, out _)
                : IPAddress.TryParse(entry, out _);
            if (!valid) throw new InvalidOperationException($"{KnownProxiesSetting}: '{entry}' is neither an IP address nor a network such as 10.0.0.0/8.");
        }
        return entries;
    }
}
