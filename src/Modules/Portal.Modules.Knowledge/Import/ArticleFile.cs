using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Portal.Modules.Core.Content;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Portal.Modules.Knowledge.Import;

/// <summary>Reads and writes the content-folder Markdown format: YAML front matter between "---"
/// lines, then the body. Unknown keys are errors; every error carries the file's line number.</summary>
public static class ArticleFile
{
    public sealed record Error(int Line, string Message);

    private sealed class FrontMatter
    {
        public string? Title { get; set; }
        public string? Type { get; set; }
        public string? Category { get; set; }
        public List<string>? Products { get; set; }
        public string? Versions { get; set; }
        public List<string>? Tags { get; set; }
        public string? Visibility { get; set; }
        public string? Updated { get; set; }
    }

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithDuplicateKeyChecking()
        .Build();

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static (ArticleFileContent? File, Error? Error) Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].TrimStart('\uFEFF').TrimEnd() != "---")
            return (null, new Error(1, "the file must start with a front matter block (a line ---)"));
        var end = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
        if (end < 0) return (null, new Error(1, "the front matter block is not closed (a second line ---)"));

        FrontMatter? front;
        try
        {
            front = Deserializer.Deserialize<FrontMatter>(string.Join('\n', lines[1..end]));
        }
        catch (YamlException ex)
        {
            var problem = Yaml.Problem(ex, lineOffset: 1);
            return (null, new Error(problem.Line, $"column {problem.Column}: {problem.Message}"));
        }
        if (front is null) return (null, new Error(2, "the front matter is empty"));

        int LineOf(string key)
        {
            for (var i = 1; i < end; i++)
                if (lines[i].StartsWith(key + ":", StringComparison.Ordinal)) return i + 1;
            return 2;
        }

        if (string.IsNullOrWhiteSpace(front.Title)) return (null, new Error(LineOf("title"), "title is required"));
        if (front.Title.Length > ArticleVocabulary.MaxTitle) return (null, new Error(LineOf("title"), $"title is longer than {ArticleVocabulary.MaxTitle} characters"));
        if (front.Type is null || !ArticleVocabulary.Types.Contains(front.Type))
            return (null, new Error(LineOf("type"), "type must be one of: " + string.Join(", ", ArticleVocabulary.Types)));
        if (string.IsNullOrWhiteSpace(front.Category)) return (null, new Error(LineOf("category"), "category is required"));
        if (front.Category.Length > ArticleVocabulary.MaxCategory) return (null, new Error(LineOf("category"), $"category is longer than {ArticleVocabulary.MaxCategory} characters"));
        if (front.Visibility is null || !ArticleVocabulary.Visibilities.Contains(front.Visibility))
            return (null, new Error(LineOf("visibility"), "visibility must be one of: " + string.Join(", ", ArticleVocabulary.Visibilities)));
        var products = (front.Products ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (products.FirstOrDefault(p => !ArticleVocabulary.IsProductCode(p)) is { } bad)
            return (null, new Error(LineOf("products"), $"product code {bad} is not of the form [A-Z0-9-]+"));
        DateOnly? updated = null;
        if (front.Updated is not null)
        {
            if (!DateOnly.TryParseExact(front.Updated, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return (null, new Error(LineOf("updated"), "updated must be a date like 2026-10-12"));
            updated = d;
        }
        var body = string.Join('\n', lines[(end + 1)..]).Trim('\n');
        if (body.Length > ArticleVocabulary.MaxBody) return (null, new Error(end + 2, "the body is too long"));
        var tags = (front.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var content = new ArticleContent(front.Type, front.Title.Trim(), body, front.Category.Trim(), products,
            string.IsNullOrWhiteSpace(front.Versions) ? null : front.Versions.Trim(), tags, front.Visibility);
        return (new ArticleFileContent(content, updated), null);
    }

    public static string Write(ArticleRow article)
    {
        var content = article.Content;
        var date = article.ContentDate ?? DateOnly.FromDateTime(article.UpdatedAt.UtcDateTime);
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append("title: ").Append(Quote(content.Title)).Append('\n');
        text.Append("type: ").Append(content.Type).Append('\n');
        text.Append("category: ").Append(Quote(content.Category)).Append('\n');
        text.Append("products: ").Append(JsonSerializer.Serialize(content.Products, Json)).Append('\n');
        if (!string.IsNullOrWhiteSpace(content.Versions)) text.Append("versions: ").Append(Quote(content.Versions)).Append('\n');
        text.Append("tags: ").Append(JsonSerializer.Serialize(content.Tags, Json)).Append('\n');
        text.Append("visibility: ").Append(content.Visibility).Append('\n');
        text.Append("updated: ").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("---\n");
        text.Append(content.Body).Append('\n');
        return text.ToString();
    }

    // A JSON string is a valid YAML double-quoted scalar.
    private static string Quote(string value) => JsonSerializer.Serialize(value, Json);
}
