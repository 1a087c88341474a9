using Portal.Modules.Core.Modules;

namespace Portal.Host;

internal static class CommandLine
{
    /// <summary>The command (a first word not starting with '-'), its positional arguments (the
    /// words right after it, before any option) and what is left for the host's configuration.
    /// Positional words are kept away from the configuration because a path such as /data/content
    /// would read as a /key there.</summary>
    public static (string? Command, IReadOnlyList<string> Arguments, string[] HostArgs) Split(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return (null, [], args);
        var arguments = args.Skip(1).TakeWhile(a => !a.StartsWith('-')).ToList();
        return (args[0].ToLowerInvariant(), arguments, args.Skip(1 + arguments.Count).ToArray());
    }

    public static void PrintUsage(IEnumerable<HostCommand> commands, TextWriter errors)
    {
        errors.WriteLine("Usage: Portal.Host [command] [--urls http://host:port]");
        errors.WriteLine("  (none)                 serve the portal");
        foreach (var c in commands.OrderBy(c => c.Name, StringComparer.Ordinal)) errors.WriteLine("  " + c.Usage);
    }
}
