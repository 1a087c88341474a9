namespace Portal.Modules.Knowledge.Search;

public sealed record SearchHit(
    string Key, string Slug, string Lang, string Type, string Title, string Url, string Snippet, string? Category, DateTimeOffset Updated)
{
    /// <summary>A release's product code, version and severity (null for articles).</summary>
    public string? Product { get; init; }

    public string? Version { get; init; }

    public string? Severity { get; init; }
}
