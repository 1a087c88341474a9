using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Host.Tests.BadInput;

/// <summary>What a bound value is, which decides the nasty values it gets.</summary>
internal enum FieldKind { Text, Number, Date, Flag, Other, File }

/// <summary>One value the request can carry: a query/form name (bound models flattened to
/// Input.X) and its kind.</summary>
internal sealed record WalkField(string Name, FieldKind Kind);

/// <summary>One handler of an endpoint: GET or POST, its ?handler= name, the fields it binds.</summary>
internal sealed record WalkHandler(string Method, string? Name, IReadOnlyList<WalkField> Fields);

/// <summary>An endpoint to walk: its route pattern, the kinds of its route parameters, its handlers.</summary>
internal sealed record WalkEndpoint(string Route, RoutePattern Pattern, IReadOnlyList<WalkField> RouteFields, IReadOnlyList<WalkHandler> Handlers);

/// <summary>Every Razor page (handlers, bound properties and handler parameters, read from its
/// CompiledPageActionDescriptor) and every minimal GET endpoint (its delegate's parameters) the
/// portal maps, from its EndpointDataSource: a page added later is walked with no list to keep.</summary>
internal static class WalkCatalog
{
    public static async Task<IReadOnlyList<WalkEndpoint>> DiscoverAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var routes = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Where(e => e.Order != int.MaxValue)
            .Where(e => e.Metadata.GetMetadata<ISuppressLinkGenerationMetadata>()?.SuppressLinkGeneration != true)
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>() is { } page ? $"page:{page.AreaName}:{page.ViewEnginePath}" : $"route:{e.RoutePattern.RawText}")
            .Select(g => g.OrderBy(e => e.RoutePattern.RawText?.Length ?? 0).First());

        var result = new List<WalkEndpoint>();
        foreach (var endpoint in routes)
        {
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var routeFields = endpoint.RoutePattern.Parameters.Where(p => !p.IsCatchAll)
                .Select(p => new WalkField(p.Name, RouteKind(p))).ToList();
            var raw = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } descriptor)
            {
                var page = await loader.LoadAsync(descriptor, endpoint.Metadata);
                result.Add(new WalkEndpoint(raw, endpoint.RoutePattern, routeFields, PageHandlers(page, routeNames)));
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
                if (methods.Count > 0 && !methods.Contains(HttpMethods.Get)) continue;
                var fields = endpoint.Metadata.GetMetadata<MethodInfo>() is { } method
                    ? method.GetParameters().Where(p => p.Name is not null && !routeNames.Contains(p.Name))
                        .SelectMany(p => Flatten(p.Name!, p.ParameterType, 0)).ToList()
                    : [];
                result.Add(new WalkEndpoint(raw, endpoint.RoutePattern, routeFields, [new WalkHandler(HttpMethods.Get, null, fields)]));
            }
        }
        return result.OrderBy(e => e.Route, StringComparer.Ordinal).ToList();
    }

    private static List<WalkHandler> PageHandlers(CompiledPageActionDescriptor page, HashSet<string> routeNames)
    {
        var handlers = new List<WalkHandler>();
        var methods = page.HandlerMethods.Select(h => (Method: h.HttpMethod.ToUpperInvariant(), h.Name, h.Parameters)).ToList();
        // A page with no OnGet still answers GET.
        if (!methods.Any(m => m.Method == HttpMethods.Get && m.Name is null)) methods.Add((HttpMethods.Get, null, []));
        foreach (var (method, name, parameters) in methods)
        {
            if (method != HttpMethods.Get && method != HttpMethods.Post) continue;
            var isGet = method == HttpMethods.Get;
            var fields = new List<WalkField>();
            foreach (var property in page.BoundProperties)
            {
                if (routeNames.Contains(property.Name) || !Bindable(property.BindingInfo)) continue;
                // [BindProperty] binds on GET only with SupportsGet = true.
                if (isGet && property.BindingInfo?.RequestPredicate is { } predicate && !predicate(GetContext)) continue;
                fields.AddRange(Flatten(property.BindingInfo?.BinderModelName ?? property.Name, property.ParameterType, 0));
            }
            foreach (var parameter in parameters)
            {
                if (routeNames.Contains(parameter.Name) || !Bindable(parameter.BindingInfo)) continue;
                fields.AddRange(Flatten(parameter.BindingInfo?.BinderModelName ?? parameter.Name, parameter.ParameterType, 0));
            }
            handlers.Add(new WalkHandler(method, name, fields.DistinctBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToList()));
        }
        return handlers;
    }

    private static readonly Microsoft.AspNetCore.Mvc.ActionContext GetContext = new()
    {
        HttpContext = new DefaultHttpContext { Request = { Method = HttpMethods.Get } },
    };

    private static bool Bindable(BindingInfo? binding) =>
        binding?.BindingSource is not { } source
        || source == BindingSource.Query || source == BindingSource.Form || source == BindingSource.ModelBinding
        || source == BindingSource.FormFile || source == BindingSource.Custom;

    private static IEnumerable<WalkField> Flatten(string name, Type type, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Kind(type) is { } kind)
        {
            yield return new WalkField(name, kind);
            yield break;
        }
        if (type == typeof(CancellationToken) || typeof(HttpContext).IsAssignableFrom(type) || type.IsInterface && !typeof(IEnumerable).IsAssignableFrom(type)
            || type.Namespace?.StartsWith("Microsoft.", StringComparison.Ordinal) == true && !typeof(IFormFile).IsAssignableFrom(type))
            yield break;
        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
            if (element is null || depth > 2) yield break;
            foreach (var field in Flatten(Kind(Nullable.GetUnderlyingType(element) ?? element) is null ? name + "[0]" : name, element, depth + 1))
                yield return field;
            yield break;
        }
        if (depth > 2 || type.IsPrimitive) yield break;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            foreach (var field in Flatten($"{name}.{property.Name}", property.PropertyType, depth + 1))
                yield return field;
    }

    private static FieldKind? Kind(Type type)
    {
        if (typeof(IFormFile).IsAssignableFrom(type) || typeof(IFormFileCollection).IsAssignableFrom(type)) return FieldKind.File;
        if (type == typeof(string) || type == typeof(char)) return FieldKind.Text;
        if (type == typeof(bool)) return FieldKind.Flag;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(decimal)
            || type == typeof(double) || type == typeof(float) || type == typeof(uint) || type == typeof(ulong)) return FieldKind.Number;
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan))
            return FieldKind.Date;
        if (type.IsEnum || type == typeof(Guid) || type == typeof(Uri)) return FieldKind.Other;
        return null;
    }

    private static FieldKind RouteKind(RoutePatternParameterPart parameter)
    {
        var constraints = string.Join(',', parameter.ParameterPolicies.Select(p => p.Content ?? "")).ToLowerInvariant();
        if (constraints.Contains("int") || constraints.Contains("long")) return FieldKind.Number;
        if (constraints.Contains("datetime")) return FieldKind.Date;
        if (constraints.Contains("guid") || constraints.Contains("bool")) return FieldKind.Other;
        return FieldKind.Text;
    }
}
