using System.Data.Common;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Files;

namespace Portal.Architecture.Tests;

/// <summary>A page is a slice: its page model talks to the module through the mediator only. So a
/// page model takes no data-access type (constructor, field or handler-method parameter such as
/// [FromServices]): not IDb, a connection, a transaction or the file store, and not a module type
/// that takes one of those (a store, a query class, a service running SQL). Types nested in the page
/// model (its handlers) are separate types and may.</summary>
internal static class SliceRules
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Type[] DataAccess = [typeof(IDb), typeof(DbConnection), typeof(DbTransaction), typeof(DbDataSource), typeof(IFileStore)];

    /// <summary>The data-access types among <paramref name="candidates"/>: the base ones, and every
    /// type whose constructor takes a data-access type (followed until nothing new is found).</summary>
    public static IReadOnlySet<Type> DataAccessTypes(IEnumerable<Type> candidates)
    {
        var found = new HashSet<Type>(DataAccess);
        var pending = candidates.Where(t => t is { IsInterface: false, IsGenericTypeDefinition: false } && !typeof(PageModel).IsAssignableFrom(t)).ToList();
        for (var grew = true; grew;)
        {
            var added = pending.Where(t => t.GetConstructors(Declared).Any(c => c.GetParameters().Any(p => IsDataAccess(p.ParameterType, found)))).ToList();
            foreach (var t in added) found.Add(t);
            pending.RemoveAll(added.Contains);
            grew = added.Count > 0;
        }
        return found;
    }

    public static IEnumerable<Type> PageModels(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsAbstract: false } && typeof(PageModel).IsAssignableFrom(t));

    /// <summary>Where <paramref name="pageModel"/> (and its base types up to PageModel) takes a data-access type.</summary>
    public static IEnumerable<string> Problems(Type pageModel, IReadOnlySet<Type> dataAccess)
    {
        for (var type = pageModel; type is not null && type != typeof(PageModel); type = type.BaseType)
        {
            foreach (var ctor in type.GetConstructors(Declared))
            foreach (var p in ctor.GetParameters().Where(p => IsDataAccess(p.ParameterType, dataAccess)))
                yield return $"{pageModel.FullName}: constructor parameter {p.Name} is {Name(p.ParameterType)}";
            // A primary constructor's captured parameter (<name>P) is reported as the parameter already.
            foreach (var field in type.GetFields(Declared).Where(f => !f.Name.StartsWith('<') && IsDataAccess(f.FieldType, dataAccess)))
                yield return $"{pageModel.FullName}: field {field.Name} is {Name(field.FieldType)}";
            foreach (var method in type.GetMethods(Declared))
            foreach (var p in method.GetParameters().Where(p => IsDataAccess(p.ParameterType, dataAccess)))
                yield return $"{pageModel.FullName}: method {method.Name} parameter {p.Name} is {Name(p.ParameterType)}";
        }
    }

    private static bool IsDataAccess(Type type, IReadOnlySet<Type> dataAccess)
    {
        if (type.HasElementType) return IsDataAccess(type.GetElementType()!, dataAccess);
        if (type.IsGenericType && type.GetGenericArguments().Any(a => IsDataAccess(a, dataAccess))) return true;
        return dataAccess.Contains(type) || dataAccess.Any(d => d.IsAssignableFrom(type) && d.IsInterface || type.IsSubclassOf(d));
    }

    private static string Name(Type type) => type.FullName ?? type.Name;
}
