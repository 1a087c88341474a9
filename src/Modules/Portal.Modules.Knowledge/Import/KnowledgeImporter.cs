using Portal.Modules.Core.Content;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Import;

/// <summary>Imports knowledge/&lt;lang&gt;/&lt;slug&gt;.md: matched by language and slug, written
/// (published, with a revision) only when something changed; a bad file is reported and skipped.</summary>
internal sealed class KnowledgeImporter(ArticleStore store) : IContentImporter
{
    public int Order => 30;

    public async Task ImportAsync(ContentImport import, CancellationToken ct)
    {
        foreach (var lang in ArticleVocabulary.Languages)
        {
            var folder = import.PathOf("knowledge", lang);
            if (!Directory.Exists(folder)) continue;
            foreach (var path in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
                await ImportFileAsync(import, lang, path, ct);
        }
    }

    private async Task ImportFileAsync(ContentImport import, string lang, string path, CancellationToken ct)
    {
        var slug = Path.GetFileNameWithoutExtension(path);
        if (!ArticleVocabulary.IsSlug(slug))
        {
            import.MarkRead(path);
            import.Error(path, null, "the file name must be a slug: lower-case letters, digits and hyphens");
            return;
        }
        if (await import.ReadTextAsync(path, ct) is not { } text) return;
        var (file, error) = ArticleFile.Parse(text);
        if (error is not null || file is null)
        {
            import.Error(path, error?.Line, error?.Message ?? "unreadable");
            return;
        }
        var status = await store.ImportAsync(lang, slug, file.Content, file.Updated, Actor.Import, ct);
        import.Count(status == SaveStatus.Saved ? "knowledge articles imported" : "knowledge articles unchanged");
    }
}
