namespace Portal.Modules.Core.Content;

/// <summary>A module's part of importing a content folder (CONTENT-FORMAT.md). Import is
/// idempotent: items are matched by key and updated when changed.</summary>
public interface IContentImporter
{
    /// <summary>Importers run in ascending order (the catalog before what refers to it).</summary>
    int Order { get; }

    Task ImportAsync(ContentImport import, CancellationToken ct);
}

public sealed class ContentImport(string folder, bool demo)
{
    private readonly List<string> errors = [];
    private readonly SortedDictionary<string, int> counts = new(StringComparer.Ordinal);

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Demo data (content/demo) is imported only in demo mode, and only into an empty database.</summary>
    public bool Demo { get; } = demo;

    public IReadOnlyList<string> Errors => errors;

    public IReadOnlyDictionary<string, int> Counts => counts;

    public string PathOf(params string[] parts) => Path.Combine([Folder, .. parts]);

    public string Relative(string path) => Path.GetRelativePath(Folder, path).Replace('\\', '/');

    public void Error(string path, int? line, string message) =>
        errors.Add(line is null ? $"{Relative(path)}: {message}" : $"{Relative(path)}:{line}: {message}");

    public void Count(string what, int n = 1) => counts[what] = counts.GetValueOrDefault(what) + n;

    /// <summary>One line of counts, then one line per error.</summary>
    public void WriteReport(TextWriter output)
    {
        output.WriteLine($"Imported {Folder}: " +
            (Counts.Count == 0 ? "nothing new" : string.Join(", ", Counts.Select(c => $"{c.Value} {c.Key}"))));
        foreach (var error in Errors) output.WriteLine($"  error: {error}");
    }
}
