using System.IO.Compression;
using System.Text.RegularExpressions;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Text;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Import;

/// <summary>Reads a zip in the content-folder format (the staff export): every
/// …knowledge/&lt;lang&gt;/&lt;slug&gt;.md entry is parsed in memory, nothing is written to disk.
/// Either every article file is valid, or the errors are returned and nothing is to be imported.
/// The rules are the content import's: strict UTF-8, a slug once per language, and every entry
/// that is not read is listed with why.</summary>
public static partial class ArticleArchive
{
    public const string NotAnArticle = "not a knowledge/<lang>/<slug>.md file";
    public const string InSubfolder = "in a subfolder of knowledge/<lang>/, which is not read";
    public const string Hidden = "a hidden or system file";

    /// <summary>Either Articles (no errors) or Errors (nothing is to be imported); Ignored in both cases.</summary>
    public sealed record Contents(IReadOnlyList<ArchivedArticle> Articles, IReadOnlyList<string> Errors, IReadOnlyList<ContentImport.IgnoredFile> Ignored);

    public const long MaxUpload = 20L * 1024 * 1024;
    public const int MaxArticles = 5000;
    private const int MaxEntryBytes = 2 * 1024 * 1024;
    private const long MaxTotalBytes = 200L * 1024 * 1024;

    [GeneratedRegex(@"(?:^|/)knowledge/(?<lang>[a-z]{2})/(?<slug>[^/]+)\.md$")]
    private static partial Regex ArticleEntry();

    [GeneratedRegex(@"(?:^|/)knowledge/[a-z]{2}/.+/")]
    private static partial Regex SubfolderEntry();

    public static Contents Read(Stream zip)
    {
        var articles = new List<ArchivedArticle>();
        var errors = new List<string>();
        var ignored = new List<ContentImport.IgnoredFile>();
        var slugs = new Dictionary<(string Lang, string Slug), string>();
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return Failed("the file is not a zip archive");
        }
        using (archive)
        {
            long total = 0;
            foreach (var entry in archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var name = entry.FullName.Replace('\\', '/');
                if (name.EndsWith('/')) continue;
                var match = ArticleEntry().Match(name);
                if (!match.Success)
                {
                    ignored.Add(new(name, IgnoredReason(name)));
                    continue;
                }
                var (lang, slug) = (match.Groups["lang"].Value, match.Groups["slug"].Value);
                if (!ArticleVocabulary.Languages.Contains(lang)) { errors.Add($"{name}: the language must be one of: {string.Join(", ", ArticleVocabulary.Languages)}"); continue; }
                if (!ArticleVocabulary.IsSlug(slug)) { errors.Add($"{name}: the file name must be a slug: lower-case letters, digits and hyphens"); continue; }
                if (slugs.TryGetValue((lang, slug), out var first)) { errors.Add($"{name}: the slug {slug} ({lang}) is already used by {first}"); continue; }
                slugs[(lang, slug)] = name;
                if (articles.Count >= MaxArticles) return Failed($"more than {MaxArticles} articles in one archive");
                total += entry.Length;
                if (entry.Length > MaxEntryBytes || total > MaxTotalBytes) return Failed($"{name}: the archive unpacks to more than allowed");
                string? text;
                long invalidAt;
                try
                {
                    text = StrictUtf8.TryDecode(ReadBytes(entry), out invalidAt);
                }
                catch (InvalidDataException)
                {
                    return Failed($"{name}: damaged, or larger than allowed when unpacked");
                }
                if (text is null)
                {
                    errors.Add($"{name}: not valid UTF-8 at byte {invalidAt} (save it as UTF-8)");
                    continue;
                }
                var (file, error) = ArticleFile.Parse(text);
                if (file is null) errors.Add(error is null ? $"{name}: unreadable" : $"{name}:{error.Line}: {error.Message}");
                else articles.Add(new ArchivedArticle(lang, slug, file));
            }
        }
        if (errors.Count == 0 && articles.Count == 0) errors.Add("the archive holds no knowledge/<lang>/<slug>.md files");
        return errors.Count == 0 ? new Contents(articles, [], ignored) : new Contents([], errors, ignored);
    }

    private static Contents Failed(string error) => new([], [error], []);

    private static string IgnoredReason(string name)
    {
        var file = name[(name.LastIndexOf('/') + 1)..];
        if (file.StartsWith('.') || name.StartsWith("__MACOSX/", StringComparison.Ordinal) || name.Split('/').Any(p => p.StartsWith('.'))) return Hidden;
        return SubfolderEntry().IsMatch(name) && name.EndsWith(".md", StringComparison.Ordinal) ? InSubfolder : NotAnArticle;
    }

    /// <summary>Reads at most MaxEntryBytes whatever the entry's header claims.</summary>
    private static byte[] ReadBytes(ZipArchiveEntry entry)
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
        return buffer.ToArray();
    }
}
