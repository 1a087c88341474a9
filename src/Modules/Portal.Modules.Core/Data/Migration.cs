using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Modules.Core.Data;

/// <summary>One numbered script of one module for one dialect, read from the module's embedded
/// resources (Migrations/&lt;dialect&gt;/NNNN_name.sql).</summary>
public sealed partial record Migration(string Module, int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexString(
        SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n")))).ToLowerInvariant();

    public static IReadOnlyList<Migration> FromAssembly(string module, Assembly assembly, string dialect)
    {
        var marker = $".Migrations.{dialect}.";
        var found = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var at = resource.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal)) continue;
            var file = resource[(at + marker.Length)..^4];
            var match = FileName().Match(file);
            if (!match.Success)
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            found.Add(new Migration(module, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }
        var duplicate = found.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Module {module} has two {dialect} migrations numbered {duplicate.Key}.");
        return found.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"^(\d{4})_([A-Za-z0-9_\-]+)$")]
    private static partial Regex FileName();
}

public sealed class MigrationChecksumException(string message) : Exception(message);
