using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Portal.Modules.Core.Files;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Releases;
using Portal.Modules.Downloads.Serving;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages.Manage;

/// <summary>Adds (or replaces) a file of a release. The multipart body is streamed section by
/// section: the antiforgery token must come first (it is checked before any file byte is read),
/// then the file, which goes straight into the file store (hashed and fsynced as it streams) and
/// is recorded only once complete. The request size limit is raised to
/// <see cref="DownloadsOptions.MaxUploadBytes"/> on this endpoint only.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
[IgnoreAntiforgeryToken(Order = 1001)]
[StreamedUpload]
public sealed class UploadModel(ReleaseQueries queries, ReleaseStore store, IAntiforgery antiforgery, IOptions<DownloadsOptions> options) : PageModel
{
    public const string TokenField = "__RequestVerificationToken";

    public ReleaseRow? Release { get; private set; }

    public FileRow? Replaces { get; private set; }

    public string? Error { get; private set; }

    public long MaxBytes => options.Value.MaxUploadBytes;

    public async Task<IActionResult> OnGetAsync(long id, long? replaces, CancellationToken ct) =>
        await LoadAsync(id, replaces, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, long? replaces, CancellationToken ct)
    {
        if (!await LoadAsync(id, replaces, ct)) return NotFound();
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBytes + 1024 * 1024;
        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return BadRequest();

        var reader = new MultipartReader(boundary, Request.Body);
        var section = await reader.ReadNextSectionAsync(ct);
        if (section is null || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var field)
            || !field.IsFormDisposition() || field.Name.Value != TokenField)
            return BadRequest();
        var token = await ReadTextAsync(section.Body, 4096, ct);
        Request.Headers[HeaderName] = token;
        try
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }

        section = await reader.ReadNextSectionAsync(ct);
        if (section is null || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var file) || !file.IsFileDisposition()
            || FileName(file) is not { Length: > 0 } name)
            return Failed(StatusCodes.Status400BadRequest, "Choose a file to upload.");
        FileRow? row;
        try
        {
            row = await store.AddFileAsync(id, name, section.Body, MaxBytes, replaces, ct);
        }
        catch (FileTooLargeException)
        {
            return Failed(StatusCodes.Status413PayloadTooLarge, "The file is larger than the upload limit.");
        }
        return row is null ? NotFound() : RedirectToPage("Edit", new { id, uploaded = row.Id });
    }

    private const string HeaderName = "RequestVerificationToken";

    private IActionResult Failed(int status, string error)
    {
        Error = error;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, long? replaces, CancellationToken ct)
    {
        Release = await queries.ReleaseAsync(id, ct);
        if (Release is null) return false;
        if (replaces is null) return true;
        Replaces = (await queries.FilesAsync(id, ct)).FirstOrDefault(f => f.Id == replaces);
        return Replaces is not null;
    }

    private static string? FileName(ContentDispositionHeaderValue disposition)
    {
        var raw = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        return string.IsNullOrWhiteSpace(raw) ? null : FileTypes.CleanName(raw);
    }

    private static async Task<string> ReadTextAsync(Stream body, int max, CancellationToken ct)
    {
        var buffer = new byte[max + 1];
        var total = 0;
        int read;
        while (total <= max && (read = await body.ReadAsync(buffer.AsMemory(total, buffer.Length - total), ct)) > 0) total += read;
        return total > max ? "" : System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }
}
