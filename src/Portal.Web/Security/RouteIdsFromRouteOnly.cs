using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Portal.Web.Security;

/// <summary>A page whose route holds an id ("{id:long}", "{productId}") binds that id from the route
/// only, in its handler parameters and bound properties alike: otherwise a form field "Id=2" posted
/// to /Edit/1 wins over the URL (form values come before route values) and the handler acts on 2.
/// Applied to every page of every module, so a page added later cannot forget it.</summary>
public sealed class RouteIdsFromRouteOnly : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var ids = RouteIds(model.ActionDescriptor.AttributeRouteInfo?.Template);
        if (ids.Count == 0) return;
        foreach (var property in model.HandlerProperties)
            if (property.BindingInfo is { } binding && ids.Contains(binding.BinderModelName ?? property.PropertyName))
                binding.BindingSource = BindingSource.Path;
        foreach (var parameter in model.HandlerMethods.SelectMany(h => h.Parameters))
            if (ids.Contains(parameter.BindingInfo?.BinderModelName ?? parameter.ParameterName))
                (parameter.BindingInfo ??= new BindingInfo()).BindingSource = BindingSource.Path;
    }

    /// <summary>The route parameters of <paramref name="template"/> that name an id ("id", "…Id").</summary>
    public static HashSet<string> RouteIds(string? template) =>
        string.IsNullOrEmpty(template)
            ? new(StringComparer.OrdinalIgnoreCase)
            : RoutePatternFactory.Parse(template).Parameters.Select(p => p.Name)
                .Where(n => n.EndsWith("id", StringComparison.OrdinalIgnoreCase)).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
