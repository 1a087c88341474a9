namespace Portal.Testing;

/// <summary>Folders of the source checkout the tests run from (found by walking up to Portal.sln).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped content folder (content/ next to Portal.sln).</summary>
    public static string Content => Path.Combine(Root, "content");

    /// <summary>TestResults/ at the repository root, where test.sh collects results and artifacts.</summary>
    public static string TestResults => Path.Combine(Root, "TestResults");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Portal.sln above {AppContext.BaseDirectory}: run the tests from the source checkout.");
    }
}
