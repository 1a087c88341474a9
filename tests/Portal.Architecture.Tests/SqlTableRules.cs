using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace Portal.Architecture.Tests;

/// <summary>SQL text in a module names only its own tables: no string literal of a module's code
/// (handlers, stores, Razor views) names a table with another module's prefix. The prefixes are read
/// from the migrations that exist (<see cref="MigrationRules.PrefixesFromMigrations"/>), so a new
/// module's tables are guarded as soon as its first migration lands.</summary>
internal static partial class SqlTableRules
{
    /// <summary>Every string literal in the assembly (its #US heap: what the code's ldstr loads).</summary>
    public static IEnumerable<string> StringLiterals(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var literals = new List<string>();
        var handle = MetadataTokens.UserStringHandle(1);
        while (!handle.IsNil)
        {
            literals.Add(md.GetUserString(handle));
            handle = md.GetNextHandle(handle);
        }
        return literals;
    }

    /// <summary>Tables of other modules named in <paramref name="literals"/>, as "module: 'table' in «text»".</summary>
    public static IEnumerable<string> Problems(string module, IEnumerable<string> literals, IReadOnlyDictionary<string, string> prefixes)
    {
        var foreign = prefixes.Where(p => p.Key != module).ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        foreach (var literal in literals)
        foreach (Match match in Identifier().Matches(literal))
        {
            var name = match.Value.ToLowerInvariant();
            var owner = foreign.FirstOrDefault(f => name.StartsWith(f.Key, StringComparison.Ordinal) && name.Length > f.Key.Length).Value;
            if (owner is not null)
                yield return $"{module}: names {owner}'s table '{name}' in \"{Shorten(literal)}\"";
        }
    }

    private static string Shorten(string text)
    {
        var line = Regex.Replace(text, @"\s+", " ").Trim();
        return line.Length <= 120 ? line : line[..117] + "...";
    }

    [GeneratedRegex(@"(?<![\w.\-/])[A-Za-z]+_[A-Za-z0-9_]+(?![\w\-/])")]
    private static partial Regex Identifier();
}
