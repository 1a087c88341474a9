using Portal.Modules.Core.Content;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portal.Modules.ServiceContracts.Catalog.Content;

/// <summary>Reads a content file as YAML nodes, so every error can name the line of the item it
/// concerns (a typed deserializer loses lines after parsing), and checks keys strictly: an
/// unknown key is an error, not silently ignored (CONTENT-FORMAT.md).</summary>
internal sealed class YamlNodes(ContentImport import, string path)
{
    public int ErrorCount { get; private set; }

    /// <summary>The document's root node, or null (error recorded) when the file is not UTF-8 or not YAML.</summary>
    public YamlNode? Load()
    {
        var text = import.ReadText(path);
        if (text is null)
        {
            ErrorCount++;
            return null;
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            ErrorCount++;
            Yaml.Report(import, path, ex);
            return null;
        }
    }

    public void Error(YamlNode node, string message) => Error(node.Start, message);

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    /// <summary>The node as a mapping with only <paramref name="allowed"/> keys, or null (error recorded).</summary>
    public YamlMappingNode? Mapping(YamlNode node, string what, params string[] allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{what} must be a mapping of keys to values");
            return null;
        }
        var ok = true;
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (allowed.Contains(name, StringComparer.Ordinal)) continue;
            Error(key, $"unknown key '{name}' in {what} (allowed: {string.Join(", ", allowed)})");
            ok = false;
        }
        return ok ? mapping : null;
    }

    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A scalar value (trimmed), null when absent or empty; a non-scalar is an error.</summary>
    public string? Text(YamlMappingNode mapping, string key, string what)
    {
        var node = Child(mapping, key);
        if (node is null) return null;
        if (node is YamlScalarNode scalar) return string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim();
        Error(node, $"'{key}' of {what} must be a single value");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence) return sequence;
        if (node is YamlScalarNode { Value: null or "" or "~" or "null" }) return new YamlSequenceNode();
        Error(node, $"{what} must be a list");
        return null;
    }

    private void Error(Mark mark, string message)
    {
        ErrorCount++;
        import.Error(path, (int)mark.Line, message);
    }
}
