using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Portal.Modules.Core.Content;

/// <summary>Strict YAML reading for content files: snake_case keys, and an unknown key is an
/// error (with its line) rather than silently ignored.</summary>
public static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Reads <paramref name="path"/>; on failure records the error with its line and returns default.</summary>
    public static T? Read<T>(ContentImport import, string path)
    {
        try
        {
            using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
            return Deserializer.Deserialize<T>(reader);
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException is null ? ex.Message : ex.InnerException.Message;
            import.Error(path, (int)ex.Start.Line, inner);
            return default;
        }
    }
}
