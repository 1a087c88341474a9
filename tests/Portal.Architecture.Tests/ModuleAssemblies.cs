using System.Reflection;

namespace Portal.Architecture.Tests;

/// <summary>A module and its assembly: Portal.Modules.&lt;Name&gt;.</summary>
internal sealed record ModuleAssembly(string Name, Assembly Assembly)
{
    public const string Prefix = "Portal.Modules.";
    public const string Kernel = "Core";

    /// <summary>The namespace other modules may use: Portal.Modules.&lt;Name&gt;.Contracts.</summary>
    public string ContractsNamespace => $"{Prefix}{Name}.Contracts";

    public override string ToString() => Name;
}

internal static class ModuleAssemblies
{
    private static readonly Lazy<IReadOnlyList<ModuleAssembly>> Loaded = new(Load);

    /// <summary>Every Portal.Modules.* assembly next to the tests (the host references them all).</summary>
    public static IReadOnlyList<ModuleAssembly> All => Loaded.Value;

    public static string? ModuleName(string assemblyName) =>
        assemblyName.StartsWith(ModuleAssembly.Prefix, StringComparison.Ordinal) && !assemblyName.EndsWith(".Tests", StringComparison.Ordinal)
            ? assemblyName[ModuleAssembly.Prefix.Length..]
            : null;

    private static IReadOnlyList<ModuleAssembly> Load() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, ModuleAssembly.Prefix + "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => (Name: ModuleName(name!), Assembly: name!))
            .Where(m => m.Name is not null)
            .Select(m => new ModuleAssembly(m.Name!, Assembly.Load(new AssemblyName(m.Assembly))))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
}
