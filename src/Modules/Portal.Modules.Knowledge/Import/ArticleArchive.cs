using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Import;

/// <summary>Reads a zip in the content-folder format (the staff export): every
/// …knowledge/&lt;lang&gt;/&lt;slug&gt;.md entry is parsed in memory, nothing is written to disk.
/// Either every article file is valid, or the errors are returned and nothing is to be imported.</summary>
public static partial class ArticleArchive
{
    public const long MaxUpload = 20L * 1024 * 1024;
    public const int MaxArticles = 5000;
    private const int MaxEntryBytes = 2 * 1024 * 1024;
    private const long MaxTotalBytes = 200L * 1024 * 1024;

    [GeneratedRegex(@"(?:^|/)knowledge/(?<lang>[a-z]{2})/(?<slug>[^/]+)\.md$")]
    private static partial Regex ArticleEntry();

    public static (IReadOnlyList<ArchivedArticle> Articles, IReadOnlyList<string> Errors) Read(Stream zip)
    {
        var articles = new List<ArchivedArticle>();
        var errors = new List<string>();
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return ([], ["the file is not a zip archive"]);
        }
        using (archive)
        {
            long total = 0;
            foreach (var entry in archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var name = entry.FullName.Replace('\\', '/');
                var match = ArticleEntry().Match(name);
                if (!match.Success) continue;
                var (lang, slug) = (match.Groups["lang"].Value, match.Groups["slug"].Value);
                if (!ArticleVocabulary.Languages.Contains(lang)) { errors.Add($"{name}: the language must be one of: {string.Join(", ", ArticleVocabulary.Languages)}"); continue; }
                if (!ArticleVocabulary.IsSlug(slug)) { errors.Add($"{name}: the file name must be a slug: lower-case letters, digits and hyphens"); continue; }
                if (articles.Count >= MaxArticles) return ([], [$"more than {MaxArticles} articles in one archive"]);
                total += entry.Length;
                if (entry.Length > MaxEntryBytes || total > MaxTotalBytes) return ([], [$"{name}: the archive unpacks to more than allowed"]);
                string text;
                try
                {
                    text = ReadText(entry);
                }
                catch (InvalidDataException)
                {
                    return ([], [$"{name}: damaged, or larger than allowed when unpacked"]);
                }
                var (file, error) = ArticleFile.Parse(text);
                if (file is null) errors.Add(error is null ? $"{name}: unreadable" : $"{name}:{error.Line}: {error.Message}");
                else articles.Add(new ArchivedArticle(lang, slug, file));
            }
        }
        if (errors.Count == 0 && articles.Count == 0) errors.Add("the archive holds no knowledge/<lang>/<slug>.md files");
        return errors.Count == 0 ? (articles, []) : ([], errors);
    }

    /// <summary>Reads at most MaxEntryBytes whatever the entry's header claims.</summary>
    private static string ReadText(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxEntryBytes) throw new InvalidDataException("entry larger than allowed");
            buffer.Write(chunk, 0, read);
        }
        return new UTF8Encoding(false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
