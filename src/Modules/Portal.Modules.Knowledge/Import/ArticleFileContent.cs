using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Import;

/// <summary>A parsed content/knowledge/&lt;lang&gt;/&lt;slug&gt;.md file (CONTENT-FORMAT.md).</summary>
public sealed record ArticleFileContent(ArticleContent Content, DateOnly? Updated);
