namespace Portal.Modules.Knowledge.Articles;

/// <summary>The case an article was drafted from: its label (e.g. FB-2026-000123) and the staff page's local URL.</summary>
public sealed record ArticleSource(string Label, string Url);
