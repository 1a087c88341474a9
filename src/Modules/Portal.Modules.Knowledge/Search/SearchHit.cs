namespace Portal.Modules.Knowledge.Search;

public sealed record SearchHit(
    string Key, string Slug, string Lang, string Type, string Title, string Url, string Snippet, string? Category, DateTimeOffset Updated);
