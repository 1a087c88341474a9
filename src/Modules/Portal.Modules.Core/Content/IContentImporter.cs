namespace Portal.Modules.Core.Content;

/// <summary>A module's part of importing a content folder (CONTENT-FORMAT.md). Import is
/// idempotent: items are matched by key and updated when changed.</summary>
public interface IContentImporter
{
    /// <summary>Importers run in ascending order (the catalog before what refers to it).</summary>
    int Order { get; }

    Task ImportAsync(ContentImport import, CancellationToken ct);
}
