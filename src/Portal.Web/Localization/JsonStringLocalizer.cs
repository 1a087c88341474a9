using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Localization;

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

public sealed class JsonStringLocalizer(StringTable table) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var value = table.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null && !PortalCultures.IsEnglish);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        table.For(PortalCultures.Normalize(CultureInfo.CurrentUICulture.Name)).Select(kv => new LocalizedString(kv.Key, kv.Value));
}

public sealed class JsonStringLocalizerFactory(JsonStringLocalizer localizer) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => localizer;

    public IStringLocalizer Create(string baseName, string location) => localizer;
}
