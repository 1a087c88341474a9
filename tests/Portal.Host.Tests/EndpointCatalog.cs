using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Security;

namespace Portal.Host.Tests;

/// <summary>One endpoint of the running portal as the matrix sees it: its route pattern, the path
/// probed for it (required route values filled with sample values), and what its metadata asks.</summary>
internal sealed record AppEndpoint(string Route, string ProbePath, IReadOnlyList<string> Methods, bool RequiresSignIn, bool RequiresAdminPolicy)
{
    public bool AcceptsGet => Methods.Count == 0 || Methods.Contains(HttpMethods.Get);
}

/// <summary>Every endpoint the portal maps (Razor pages and minimal endpoints), read from its
/// EndpointDataSource, without static assets and framework endpoints.</summary>
internal static class EndpointCatalog
{
    /// <summary>Endpoints every persona reaches the same way, on purpose: the error pages.</summary>
    private static readonly HashSet<string> Framework = new(StringComparer.Ordinal) { "/Error/{code:int?}" };

    public static IReadOnlyList<AppEndpoint> Discover(IServiceProvider services)
    {
        var routes = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            // MapFallback endpoints ({**path:file}, for files that are not static assets) run last.
            .Where(e => e.Order != int.MaxValue)
            .Where(e => e.Metadata.GetMetadata<ISuppressLinkGenerationMetadata>()?.SuppressLinkGeneration != true);
        // A page may answer on several routes (/ and /Index); authorization belongs to the page, so
        // one route per page: the shortest.
        return routes
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>() is { } page ? $"page:{page.AreaName}:{page.ViewEnginePath}" : $"route:{e.RoutePattern.RawText}")
            .Select(g => g.OrderBy(e => e.RoutePattern.RawText?.Length ?? 0).First())
            .Select(Describe)
            .Where(e => !Framework.Contains(e.Route))
            .OrderBy(e => e.Route, StringComparer.Ordinal)
            .ToList();
    }

    private static AppEndpoint Describe(RouteEndpoint endpoint)
    {
        var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        return new AppEndpoint(route, ProbePath(endpoint.RoutePattern), methods,
            RequiresSignIn: !anonymous && authorize.Count > 0,
            RequiresAdminPolicy: !anonymous && authorize.Any(a => a.Policy == PortalPolicies.Admin || a.Roles == PortalRoles.Admin));
    }

    /// <summary>The pattern with optional parameters left out and required ones set to a sample
    /// value that satisfies their constraint: 1 for numbers and anything unconstrained.</summary>
    private static string ProbePath(RoutePattern pattern)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal: text.Append(literal.Content); break;
                    case RoutePatternSeparatorPart separator: text.Append(separator.Content); break;
                    case RoutePatternParameterPart parameter when !parameter.IsOptional && parameter.Default is null && !parameter.IsCatchAll:
                        text.Append(SampleValue(parameter));
                        break;
                }
            }
            if (text.Length > 0) segments.Add(text.ToString());
        }
        return "/" + string.Join('/', segments);
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = string.Join(',', parameter.ParameterPolicies.Select(p => p.Content ?? ""));
        if (constraints.Contains("guid", StringComparison.OrdinalIgnoreCase)) return "00000000-0000-0000-0000-000000000001";
        if (constraints.Contains("bool", StringComparison.OrdinalIgnoreCase)) return "true";
        if (constraints.Contains("datetime", StringComparison.OrdinalIgnoreCase)) return "2026-01-01";
        if (constraints.Contains("alpha", StringComparison.OrdinalIgnoreCase)) return "a";
        return "1";
    }
}
