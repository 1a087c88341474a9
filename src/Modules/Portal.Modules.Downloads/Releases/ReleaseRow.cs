using System.Globalization;
using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Downloads.Releases;

/// <summary>A release as stored (dl_releases). Settable properties: SQLite returns every integer as long.</summary>
public sealed class ReleaseRow
{
    public long Id { get; set; }
    public string ProductCode { get; set; } = "";
    public int Major { get; set; }
    public int Minor { get; set; }
    public int Patch { get; set; }
    public string Kind { get; set; } = "";
    public string TitleZh { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string NotesZh { get; set; } = "";
    public string NotesEn { get; set; } = "";
    public string? Severity { get; set; }
    public string AppliesTo { get; set; } = "*";
    public bool IsPublic { get; set; }
    public string Status { get; set; } = ReleaseVocabulary.Draft;
    public DateTimeOffset? PublishedAt { get; set; }
    public string? ContentKey { get; set; }
    public int RowVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public ProductVersion Version => new(Major, Minor, Patch);

    public bool IsPublished => Status == ReleaseVocabulary.Published;

    public VersionRange Range => VersionRange.TryParse(AppliesTo, out var range) ? range : VersionRange.Any;

    public string Title(CultureInfo culture) => English(culture) ? TitleEn : TitleZh;

    /// <summary>The notes in the reader's language, else the other language's.</summary>
    public string Notes(CultureInfo culture) =>
        English(culture) ? (NotesEn.Length > 0 ? NotesEn : NotesZh) : (NotesZh.Length > 0 ? NotesZh : NotesEn);

    private static bool English(CultureInfo culture) => culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public const string Columns = """
        r.id AS Id, r.product_code AS ProductCode, r.major AS Major, r.minor AS Minor, r.patch AS Patch, r.kind AS Kind,
        r.title_zh AS TitleZh, r.title_en AS TitleEn, r.notes_zh AS NotesZh, r.notes_en AS NotesEn, r.severity AS Severity,
        r.applies_to AS AppliesTo, r.is_public AS IsPublic, r.status AS Status, r.published_at AS PublishedAt,
        r.content_key AS ContentKey, r.row_version AS RowVersion, r.created_at AS CreatedAt, r.updated_at AS UpdatedAt
        """;
}

/// <summary>A file of a release (dl_files). Current when neither replaced nor deleted.</summary>
public sealed class FileRow
{
    public long Id { get; set; }
    public long ReleaseId { get; set; }
    public string StoreKey { get; set; } = "";
    public string FileName { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public long? ReplacedBy { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public bool IsCurrent => ReplacedBy is null && DeletedAt is null;

    public const string Columns = """
        f.id AS Id, f.release_id AS ReleaseId, f.store_key AS StoreKey, f.file_name AS FileName, f.size AS Size, f.sha256 AS Sha256,
        f.created_at AS CreatedAt, f.replaced_by AS ReplacedBy, f.deleted_at AS DeletedAt
        """;
}
