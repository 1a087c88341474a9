namespace Portal.Modules.Knowledge.Domain;

/// <summary>The editable part of an article, the same for the editor, the import and a revision.</summary>
public sealed record ArticleContent(
    string Type,
    string Title,
    string Body,
    string Category,
    IReadOnlyList<string> Products,
    string? Versions,
    IReadOnlyList<string> Tags,
    string Visibility)
{
    /// <summary>Tags and products are stored one per line.</summary>
    public static string Join(IEnumerable<string> values) => string.Join('\n', values);

    public static IReadOnlyList<string> Split(string? stored) =>
        (stored ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>"a, b，c" (ASCII or full-width commas) into distinct trimmed values.</summary>
    public static IReadOnlyList<string> ParseList(string? input) =>
        (input ?? "").Split([',', '，', '、', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();

    public bool SameAs(ArticleContent other) =>
        Type == other.Type && Title == other.Title && Body == other.Body && Category == other.Category
        && Products.SequenceEqual(other.Products) && (Versions ?? "") == (other.Versions ?? "")
        && Tags.SequenceEqual(other.Tags) && Visibility == other.Visibility;
}
