using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using MediatR;
using Microsoft.Extensions.Options;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;
using Portal.Modules.Downloads.Releases;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portal.Modules.Downloads.Content;

/// <summary>content/downloads/&lt;product&gt;/&lt;version&gt;/release.yaml (and, for several releases of
/// one version, &lt;product&gt;/&lt;version&gt;/&lt;name&gt;/release.yaml) with the files it names beside it.
/// Idempotent: a release is matched by its folder, updated when it changed; a file is matched by
/// its name and replaced when its bytes changed (SHA-256); files no longer listed are deleted.
/// Import never notifies customers. A release with an error is reported with file and line and skipped.</summary>
internal sealed class DownloadsImporter(IDb db, ReleaseStore store, IMediator mediator, IOptions<PortalOptions> portal, IOptions<DownloadsOptions> options)
    : IContentImporter
{
    public const string Folder = "downloads";

    private static readonly string[] Keys = ["title", "kind", "severity", "applies_to", "published", "notes", "files", "public", "supersedes"];

    public int Order => 40;

    private sealed record Item(string Key, string Path, ReleaseInput Input, DateOnly? Published, IReadOnlyList<string> Files,
        IReadOnlyList<(string Key, int Line)> Supersedes);

    public async Task ImportAsync(ContentImport import, CancellationToken ct)
    {
        var root = import.PathOf(Folder);
        if (!Directory.Exists(root)) return;
        var items = new List<Item>();
        foreach (var path in Directory.EnumerateFiles(root, "release.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (await ReadAsync(import, root, path, ct) is { } item) items.Add(item);
        }
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (await UpsertAsync(import, item, ct) is { } id) ids[item.Key] = id;
        }
        foreach (var item in items.Where(i => ids.ContainsKey(i.Key)))
        {
            var superseded = new List<long>();
            foreach (var (key, line) in item.Supersedes)
            {
                var id = ids.TryGetValue(key, out var known) ? known : await IdOfAsync(key, ct);
                if (id is null) import.Error(item.Path, line, $"supersedes '{key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..]}', but there is no release in downloads/{key}/");
                else superseded.Add(id.Value);
            }
            await store.SetSupersedesAsync(ids[item.Key], superseded, ct);
        }
    }

    private async Task<Item?> ReadAsync(ContentImport import, string root, string path, CancellationToken ct)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        var parts = System.IO.Path.GetRelativePath(root, folder).Replace('\\', '/').Split('/');
        if (parts.Length is < 2 or > 3)
        {
            import.MarkRead(path);
            import.Error(path, null, "a release belongs in downloads/<product>/<version>/release.yaml (or downloads/<product>/<version>/<name>/release.yaml)");
            return null;
        }
        var errors = import.Errors.Count;
        void Error(YamlNode? node, string message) => import.Error(path, node is null ? null : (int)node.Start.Line, message);

        var product = await mediator.Send(new GetProduct(parts[0]), ct);
        if (product is null) Error(null, $"product '{parts[0]}' (the folder name) is not in products.yaml");
        if (!ProductVersion.TryParse(parts[1], out var version)) Error(null, $"'{parts[1]}' (the folder name) is not a version like 8.5.2");

        if (await import.ReadTextAsync(path, ct) is not { } text) return null;
        YamlMappingNode? map;
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            map = yaml.Documents.Count == 0 ? null : yaml.Documents[0].RootNode as YamlMappingNode;
        }
        catch (YamlException ex)
        {
            Yaml.Report(import, path, ex);
            return null;
        }
        if (map is null)
        {
            Error(null, "the file must be a mapping of keys (title, kind, files, ...)");
            return null;
        }
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!Keys.Contains(name, StringComparer.Ordinal)) Error(key, $"unknown key '{name}' (allowed: {string.Join(", ", Keys)})");
        }

        string? Text(string key)
        {
            var node = Child(map, key);
            if (node is null) return null;
            if (node is YamlScalarNode s) return string.IsNullOrWhiteSpace(s.Value) ? null : s.Value.Trim();
            Error(node, $"'{key}' must be a single value");
            return null;
        }

        List<(string Value, YamlNode Node)> List(string key)
        {
            var node = Child(map, key);
            if (node is null) return [];
            if (node is YamlScalarNode { Value: { Length: > 0 } one }) return [(one.Trim(), node)];
            if (node is YamlSequenceNode seq && seq.All(n => n is YamlScalarNode))
                return [.. seq.Select(n => (((YamlScalarNode)n).Value?.Trim() ?? "", n))];
            Error(node, $"'{key}' must be a list of names, e.g. [a.zip, b.pdf]");
            return [];
        }

        string? zh = null, en = null;
        var titleNode = Child(map, "title");
        if (titleNode is YamlMappingNode title)
        {
            zh = (Child(title, "zh") as YamlScalarNode)?.Value?.Trim();
            en = (Child(title, "en") as YamlScalarNode)?.Value?.Trim();
            foreach (var key in title.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value is not ("zh" or "en")))
                Error(key, $"unknown key '{key.Value}' in the title (allowed: zh, en)");
        }
        if (string.IsNullOrEmpty(zh) || string.IsNullOrEmpty(en)) Error(titleNode ?? map, "a release needs a title: { zh: ..., en: ... }");

        var kind = Text("kind");
        if (!ReleaseVocabulary.IsKind(kind)) Error(Child(map, "kind") ?? map, $"kind must be one of {string.Join(", ", ReleaseVocabulary.Kinds)}");
        var severity = Text("severity");
        if (kind == "patch" && !ReleaseVocabulary.IsSeverity(severity))
            Error(Child(map, "severity") ?? map, $"a patch needs a severity: {string.Join(", ", ReleaseVocabulary.Severities)}");
        if (kind is not null and not "patch" && severity is not null) Error(Child(map, "severity"), "only patches have a severity");

        var appliesTo = Text("applies_to") ?? "*";
        if (!VersionRange.TryParse(appliesTo, out _, out var rangeError)) Error(Child(map, "applies_to"), rangeError);

        DateOnly? published = null;
        if (Text("published") is { } date)
        {
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) published = d;
            else Error(Child(map, "published"), $"published must be a date like 2026-10-20, not '{date}'");
        }

        var isPublic = false;
        if (Text("public") is { } flag && !bool.TryParse(flag, out isPublic)) Error(Child(map, "public"), $"public must be true or false, not '{flag}'");

        string notesZh = "", notesEn = "";
        if (Text("notes") is { } notes)
        {
            if (PlainFile(folder, notes) is { } notesPath)
            {
                notesZh = await import.ReadTextAsync(notesPath, ct) ?? "";
                var english = notes.Contains(".zh.", StringComparison.Ordinal) ? notes.Replace(".zh.", ".en.", StringComparison.Ordinal) : "notes.en.md";
                if (PlainFile(folder, english) is { } enPath) notesEn = await import.ReadTextAsync(enPath, ct) ?? "";
            }
            else
            {
                Error(Child(map, "notes"), $"the notes file '{notes}' is not next to release.yaml");
            }
        }

        var files = new List<string>();
        foreach (var (name, node) in List("files"))
        {
            if (PlainFile(folder, name) is not { } file) Error(node, $"the file '{name}' is not next to release.yaml (plain file names only)");
            else if (files.Contains(name, StringComparer.Ordinal)) Error(node, $"the file '{name}' is listed twice");
            else
            {
                import.MarkRead(file);
                files.Add(name);
            }
        }

        var supersedes = new List<(string, int)>();
        foreach (var (value, node) in List("supersedes"))
        {
            if (ProductVersion.TryParse(value.Split('/')[0], out _) && value.Split('/').Length <= 2 && value.Split('/').All(p => p.Length > 0 && p != ".."))
                supersedes.Add(($"{parts[0]}/{value}", (int)node.Start.Line));
            else Error(node, $"supersedes lists releases of the same product by their folder, e.g. 8.5.1 or 8.5.1/manual, not '{value}'");
        }

        if (import.Errors.Count != errors) return null;
        var input = new ReleaseInput(product!.Code, version, kind!, zh!, en!, notesZh, notesEn, kind == "patch" ? severity : null, appliesTo, isPublic);
        return new Item(string.Join('/', parts), path, input, published, files, supersedes);
    }

    private async Task<long?> UpsertAsync(ContentImport import, Item item, CancellationToken ct)
    {
        ReleaseRow? existing;
        List<FileRow> current;
        await using (var c = await db.OpenAsync(ct))
        {
            existing = await c.QuerySingleOrDefaultAsync<ReleaseRow>($"SELECT {ReleaseRow.Columns} FROM dl_releases r WHERE r.content_key = @Key", new { item.Key });
            current = existing is null ? [] : [.. await c.QueryAsync<FileRow>(
                $"SELECT {FileRow.Columns} FROM dl_files f WHERE f.release_id = @Id AND f.replaced_by IS NULL AND f.deleted_at IS NULL", new { existing.Id })];
        }
        long id;
        if (existing is null)
        {
            id = await store.CreateAsync(item.Input, item.Key, null, ct);
            import.Count("releases");
        }
        else
        {
            id = existing.Id;
            if (Differs(existing, item.Input))
            {
                await store.UpdateAsync(id, item.Input, null, null, ct);
                import.Count("releases updated");
            }
        }

        var folder = System.IO.Path.GetDirectoryName(item.Path)!;
        foreach (var name in item.Files)
        {
            var path = System.IO.Path.Combine(folder, name);
            var sha = await Sha256Async(path, ct);
            var same = current.FirstOrDefault(f => f.FileName == name);
            if (same is not null && same.Sha256 == sha) continue;
            await using var content = File.OpenRead(path);
            await store.AddFileAsync(id, name, content, options.Value.MaxUploadBytes, same?.Id, null, ct);
            import.Count(same is null ? "release files" : "release files replaced");
        }
        foreach (var gone in current.Where(f => !item.Files.Contains(f.FileName, StringComparer.Ordinal)))
        {
            await store.DeleteFileAsync(id, gone.Id, ct);
            import.Count("release files deleted");
        }

        var publishedAt = item.Published is { } day
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), portal.Value.VendorTimeZone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime()
            : (DateTimeOffset?)null;
        if (publishedAt is not null && (existing is null || !existing.IsPublished || existing.PublishedAt != publishedAt))
            await store.PublishAsync(id, publishedAt, notify: false, null, ct);
        else if (publishedAt is null && existing is { IsPublished: true })
            await store.UnpublishAsync(id, null, ct);
        return id;
    }

    private async Task<long?> IdOfAsync(string key, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>("SELECT id FROM dl_releases WHERE content_key = @key", new { key });
    }

    private static bool Differs(ReleaseRow r, ReleaseInput i) =>
        r.ProductCode != i.ProductCode || r.Version != i.Version || r.Kind != i.Kind || r.TitleZh != i.TitleZh.Trim() || r.TitleEn != i.TitleEn.Trim()
        || r.NotesZh != i.NotesZh || r.NotesEn != i.NotesEn || r.Severity != i.Severity || r.AppliesTo != i.NormalRange || r.IsPublic != i.IsPublic;

    private static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>The path of a plain file name inside <paramref name="folder"/>, or null (folders, "..", missing).</summary>
    private static string? PlainFile(string folder, string name)
    {
        if (name.Length == 0 || name != System.IO.Path.GetFileName(name) || name is "." or ".." || name.Contains('\\', StringComparison.Ordinal)) return null;
        var path = System.IO.Path.Combine(folder, name);
        return File.Exists(path) ? path : null;
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
