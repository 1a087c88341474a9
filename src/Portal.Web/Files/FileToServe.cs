namespace Portal.Web.Files;

/// <summary>A file of the <see cref="Portal.Modules.Core.Files.IFileStore"/> to send with
/// <see cref="StoredFileResult"/>: its store key (never a path), the name the browser sees, when it
/// was stored and its SHA-256 (the ETag).</summary>
public sealed record FileToServe(string StoreKey, string FileName, DateTimeOffset LastModified, string Sha256)
{
    /// <summary>Raster images of a known type go inline with their own type (as
    /// <see cref="Portal.Modules.Core.Files.FileTypes.Serve"/> decides); off by default, so every
    /// file is an application/octet-stream attachment.</summary>
    public bool ImagesInline { get; init; }

    public string CacheControl { get; init; } = "private, no-transform";

    /// <summary>Called once a GET response is complete, with the bytes read from the file (a range,
    /// or fewer when the client went away); not called when none were read. It runs after the
    /// response, so it must not depend on the request's scope.</summary>
    public Func<long, Task>? Sent { get; init; }
}
