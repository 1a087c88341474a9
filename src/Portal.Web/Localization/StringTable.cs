using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Portal.Web.Localization;

/// <summary>Strings keyed by their English text. Each assembly (Portal.Web and every module)
/// embeds Resources/*zh-CN.strings.json (e.g. Resources/admin.zh-CN.strings.json); the English text is the key unless
/// a matching *en.strings.json overrides it. One table serves the whole app.</summary>
public sealed class StringTable
{
    private readonly Dictionary<string, Dictionary<string, string>> byCulture = new(StringComparer.Ordinal);

    public StringTable(IEnumerable<Assembly> assemblies)
    {
        foreach (var assembly in assemblies.Distinct())
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var culture = PortalCultures.Supported.FirstOrDefault(c => resource.EndsWith($".{c}.strings.json", StringComparison.Ordinal));
            if (culture is null) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"Empty string table {resource}.");
            var table = byCulture.TryGetValue(culture, out var t) ? t : byCulture[culture] = new(StringComparer.Ordinal);
            foreach (var (key, value) in entries)
            {
                if (table.TryGetValue(key, out var existing) && existing != value)
                    throw new InvalidOperationException($"String \"{key}\" is translated twice, differently ({resource}).");
                table[key] = value;
            }
        }
    }

    public IReadOnlyDictionary<string, string> For(string culture) =>
        byCulture.TryGetValue(culture, out var t) ? t : new Dictionary<string, string>();

    public string? Find(string key, CultureInfo culture) =>
        byCulture.TryGetValue(PortalCultures.Normalize(culture.Name), out var t) && t.TryGetValue(key, out var v) ? v : null;
}
