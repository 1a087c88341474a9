namespace Portal.Architecture.Tests;

/// <summary>The checkout the tests were built from: the folder holding Portal.sln.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    public static string Root => RootFolder.Value;

    public static string Src => Path.Combine(Root, "src");

    /// <summary>Paths relative to the checkout, with forward slashes, for messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>Source files under src/ with the given extension, without build output and npm packages.</summary>
    public static IEnumerable<string> SourceFiles(string extension) =>
        Directory.EnumerateFiles(Src, "*" + extension, SearchOption.AllDirectories)
            .Where(f => !Relative(f).Split('/').Any(part => part is "bin" or "obj" or "node_modules" or "wwwroot"))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Portal.sln above {AppContext.BaseDirectory}.");
    }
}
