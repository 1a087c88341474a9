using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Architecture.Tests;

/// <summary>MediatR handlers are reached through the mediator only, so none is part of a module's
/// public surface. Page models are public because Razor requires it; they are exempt.</summary>
internal static class HandlerVisibility
{
    private static readonly Type[] HandlerInterfaces = [typeof(IRequestHandler<,>), typeof(INotificationHandler<>)];

    public static bool IsHandler(Type type) =>
        type is { IsInterface: false } && type.GetInterfaces().Any(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition()));

    /// <summary>Handlers visible outside their assembly (public, and nested only in public types).</summary>
    public static IReadOnlyList<string> PublicHandlers(IEnumerable<Type> types) =>
        types.Where(t => IsHandler(t) && t.IsVisible && !typeof(PageModel).IsAssignableFrom(t))
            .Select(t => t.FullName ?? t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
}
