using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Portal.Architecture.Tests;

/// <summary>A use of another module's type outside its Contracts namespace.</summary>
internal sealed record BoundaryViolation(string Module, string Where, string Referenced)
{
    public override string ToString() => $"{Module}: {Where} uses {Referenced}";
}

/// <summary>The module boundary rule: a module may use its own types, the shared kernel
/// (Portal.Modules.Core) and the Contracts namespace of another module; nothing else of another
/// module. Checked twice: by reflection over member signatures (says where), and over the
/// assembly's metadata TypeRef table (catches uses inside method bodies too).</summary>
internal sealed class ModuleBoundary(IReadOnlyDictionary<string, string> moduleOfAssembly)
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The real modules: Portal.Modules.&lt;Name&gt; assemblies.</summary>
    public static ModuleBoundary ForModules(IEnumerable<ModuleAssembly> modules) =>
        new(modules.ToDictionary(m => m.Assembly.GetName().Name!, m => m.Name, StringComparer.Ordinal));

    public bool IsAllowed(string fromModule, string toAssembly, string? typeNamespace)
    {
        if (!moduleOfAssembly.TryGetValue(toAssembly, out var toModule)) return true;
        if (toModule == fromModule || toModule == ModuleAssembly.Kernel) return true;
        var contracts = $"{ModuleAssembly.Prefix}{toModule}.Contracts";
        return typeNamespace is not null
            && (typeNamespace == contracts || typeNamespace.StartsWith(contracts + ".", StringComparison.Ordinal));
    }

    /// <summary>Base types, interfaces, attributes, fields, properties, events, method and
    /// constructor signatures of <paramref name="types"/>.</summary>
    public IReadOnlyList<BoundaryViolation> CheckSignatures(string module, IEnumerable<Type> types)
    {
        var found = new List<BoundaryViolation>();
        foreach (var type in types)
        {
            void Use(string where, Type? used)
            {
                foreach (var t in Expand(used))
                {
                    if (!IsAllowed(module, t.Assembly.GetName().Name!, t.Namespace))
                        found.Add(new BoundaryViolation(module, $"{type.FullName} {where}", t.FullName ?? t.Name));
                }
            }

            Use("base type", type.BaseType);
            foreach (var itf in type.GetInterfaces()) Use("interface", itf);
            foreach (var attribute in type.GetCustomAttributesData()) Use("attribute", attribute.AttributeType);
            if (type.IsGenericTypeDefinition)
            {
                foreach (var parameter in type.GetGenericArguments())
                foreach (var constraint in parameter.GetGenericParameterConstraints())
                    Use($"constraint on {parameter.Name}", constraint);
            }
            foreach (var field in type.GetFields(Declared)) Use($"field {field.Name}", field.FieldType);
            foreach (var property in type.GetProperties(Declared))
            {
                Use($"property {property.Name}", property.PropertyType);
                foreach (var p in property.GetIndexParameters()) Use($"indexer {property.Name}", p.ParameterType);
            }
            foreach (var evt in type.GetEvents(Declared)) Use($"event {evt.Name}", evt.EventHandlerType);
            foreach (var ctor in type.GetConstructors(Declared))
            foreach (var p in ctor.GetParameters())
                Use($"constructor parameter {p.Name}", p.ParameterType);
            foreach (var method in type.GetMethods(Declared))
            {
                Use($"method {method.Name} return", method.ReturnType);
                foreach (var p in method.GetParameters()) Use($"method {method.Name} parameter {p.Name}", p.ParameterType);
                foreach (var attribute in method.GetCustomAttributesData()) Use($"method {method.Name} attribute", attribute.AttributeType);
            }
        }
        return found.Distinct().ToList();
    }

    /// <summary>Every type the assembly file references from other assemblies (its TypeRef table:
    /// signatures, attributes, and everything used in IL).</summary>
    public IReadOnlyList<BoundaryViolation> CheckMetadata(string module, string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var found = new List<BoundaryViolation>();
        foreach (var handle in md.TypeReferences)
        {
            var reference = md.GetTypeReference(handle);
            var name = md.GetString(reference.Name);
            // A nested type's scope is its enclosing type; the outermost one names the assembly.
            while (reference.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                reference = md.GetTypeReference((TypeReferenceHandle)reference.ResolutionScope);
                name = md.GetString(reference.Name) + "+" + name;
            }
            if (reference.ResolutionScope.Kind != HandleKind.AssemblyReference) continue;
            var assembly = md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name);
            var ns = md.GetString(reference.Namespace);
            if (!IsAllowed(module, assembly, ns))
                found.Add(new BoundaryViolation(module, Path.GetFileName(assemblyPath), ns.Length == 0 ? name : $"{ns}.{name}"));
        }
        return found.Distinct().ToList();
    }

    private static IEnumerable<Type> Expand(Type? type)
    {
        if (type is null || type.IsGenericParameter) yield break;
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType())) yield return t;
            yield break;
        }
        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (!type.IsGenericType) yield break;
        foreach (var argument in type.GetGenericArguments())
        foreach (var t in Expand(argument))
            yield return t;
    }
}
