using Portal.Modules.Core.Text;

namespace Portal.Modules.Core.Content;

/// <summary>One run of the content import: what was imported, the errors, and every file that was
/// not read (with why), so nothing in the folder is passed over without a word.</summary>
public sealed class ContentImport(string folder, bool demo)
{
    private readonly List<string> errors = [];
    private readonly List<IgnoredFile> ignored = [];
    private readonly HashSet<string> read = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> counts = new(StringComparer.Ordinal);

    public sealed record IgnoredFile(string Path, string Reason);

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Demo data (content/demo) is imported only in demo mode, and only into an empty database.</summary>
    public bool Demo { get; } = demo;

    public IReadOnlyList<string> Errors => errors;

    /// <summary>Files (relative paths) the import did not read, with the reason.</summary>
    public IReadOnlyList<IgnoredFile> Ignored => ignored;

    public IReadOnlyDictionary<string, int> Counts => counts;

    public string PathOf(params string[] parts) => Path.Combine([Folder, .. parts]);

    public string Relative(string path) => Path.GetRelativePath(Folder, path).Replace('\\', '/');

    public void Error(string path, int? line, string message) =>
        errors.Add(line is null ? $"{Relative(path)}: {message}" : $"{Relative(path)}:{line}: {message}");

    public void Count(string what, int n = 1) => counts[what] = counts.GetValueOrDefault(what) + n;

    /// <summary>The file as strict UTF-8 text (a BOM dropped), marked read; null when it is not valid
    /// UTF-8 (the error names the byte offset, and the caller skips the file).</summary>
    public string? ReadText(string path) => Decode(path, File.ReadAllBytes(path));

    /// <inheritdoc cref="ReadText"/>
    public async Task<string?> ReadTextAsync(string path, CancellationToken ct) => Decode(path, await File.ReadAllBytesAsync(path, ct));

    private string? Decode(string path, byte[] bytes)
    {
        MarkRead(path);
        var text = StrictUtf8.TryDecode(bytes, out var invalidAt);
        if (text is null) Error(path, null, $"not valid UTF-8 at byte {invalidAt}; the file is skipped (save it as UTF-8)");
        return text;
    }

    /// <summary>Records that an importer used <paramref name="path"/> without <see cref="ReadText"/> (e.g. a release's binary file).</summary>
    public void MarkRead(string path) => read.Add(Path.GetFullPath(path));

    public bool WasRead(string path) => read.Contains(Path.GetFullPath(path));

    /// <summary>Lists every file under the folder that no importer read, with the reason (<see cref="UnreadReason"/>).
    /// A hidden folder (.git) is listed once, not walked.</summary>
    public void ListUnread()
    {
        if (!Directory.Exists(Folder)) return;
        Walk(Folder);

        void Walk(string directory)
        {
            foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
            {
                if (!WasRead(file)) ignored.Add(new IgnoredFile(Relative(file), UnreadReason.Of(Relative(file), Demo)));
            }
            foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
            {
                if (Path.GetFileName(sub).StartsWith('.')) ignored.Add(new IgnoredFile(Relative(sub) + "/", UnreadReason.Hidden));
                else Walk(sub);
            }
        }
    }

    /// <summary>One line of counts, then one line per error, then one per file not read.</summary>
    public void WriteReport(TextWriter output)
    {
        output.WriteLine($"Imported {Folder}: " +
            (Counts.Count == 0 ? "nothing new" : string.Join(", ", Counts.Select(c => $"{c.Value} {c.Key}"))));
        foreach (var error in Errors) output.WriteLine($"  error: {error}");
        foreach (var file in Ignored) output.WriteLine($"  ignored: {file.Path} ({file.Reason})");
    }
}
