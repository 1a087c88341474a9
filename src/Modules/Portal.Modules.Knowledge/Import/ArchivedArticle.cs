namespace Portal.Modules.Knowledge.Import;

/// <summary>One article file read from an uploaded archive.</summary>
public sealed record ArchivedArticle(string Lang, string Slug, ArticleFileContent File);
