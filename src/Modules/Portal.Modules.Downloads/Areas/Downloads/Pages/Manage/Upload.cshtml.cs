using System.Security.Claims;
using MediatR;
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
using Portal.Web.Files;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages.Manage;

/// <summary>Adds (or replaces) a file of a release. The multipart body is streamed section by
/// section: the antiforgery token must come first (it is checked before any file byte is read),
/// then the file, which goes straight into the file store (hashed and fsynced as it streams) and
/// is recorded only once complete. The request size limit is raised to
/// <see cref="DownloadsOptions.MaxUploadBytes"/> on this endpoint only.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
[IgnoreAntiforgeryToken(Order = 1001)]
[StreamedUpload]
public sealed class UploadModel(IMediator mediator, IAntiforgery antiforgery, IOptions<DownloadsOptions> options) : PageModel
{
    public const string TokenField = "__RequestVerificationToken";

    public ReleaseRow? Release { get; private set; }

    public FileRow? Replaces { get; private set; }

    public string? Error { get; private set; }

    public long MaxBytes => options.Value.MaxUploadBytes;

    public async Task<IActionResult> OnGetAsync(long id, long? replaces, CancellationToken ct) =>
        await LoadAsync(id, replaces, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id, long? replaces, CancellationToken ct)
    {
        // A retry of a replacement that went through finds the old file replaced already: the store
        // answers it from its upload key, or refuses the replacement itself.
        if (await LoadAsync(id, replaces, ct) is { } missing && (replaces is null || await LoadAsync(id, null, ct) is not null)) return missing;
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
        var uploadKey = Request.Headers[UploadKey.HeaderName].ToString();
        if (section is not null && ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var keyField)
            && keyField.IsFormDisposition() && keyField.Name.Value == UploadKey.FieldName)
        {
            uploadKey = await ReadTextAsync(section.Body, 100, ct);
            section = await reader.ReadNextSectionAsync(ct);
        }
        if (section is null || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var file) || !file.IsFileDisposition()
            || FileName(file) is not { Length: > 0 } name)
            return Failed(StatusCodes.Status400BadRequest, "Choose a file to upload.");
        var added = await mediator.Send(new AddFile(User, id, replaces, name, section.Body, uploadKey), ct);
        return added.Outcome switch
        {
            Outcome.TooLarge => Failed(StatusCodes.Status413PayloadTooLarge, "The file is larger than the upload limit."),
            Outcome.Forbidden => Forbid(),
            Outcome.NotFound => NotFound(),
            _ => RedirectToPage("Edit", new { id, uploaded = added.File!.Id }),
        };
    }

    private const string HeaderName = "RequestVerificationToken";

    private IActionResult Failed(int status, string error)
    {
        Error = error;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, long? replaces, CancellationToken ct)
    {
        var target = await mediator.Send(new Query(User, id, replaces), ct);
        if (target.Outcome == Outcome.Forbidden) return Forbid();
        if (target.Outcome != Outcome.Done) return NotFound();
        (Release, Replaces) = (target.Release, target.Replaces);
        return null;
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

    public enum Outcome
    {
        Done,
        NotFound,
        Forbidden,

        /// <summary>Larger than <see cref="DownloadsOptions.MaxUploadBytes"/>: nothing was kept.</summary>
        TooLarge,
    }

    /// <param name="Replaces">The file the upload replaces, when one is named.</param>
    public sealed record Target(Outcome Outcome, ReleaseRow? Release = null, FileRow? Replaces = null);

    /// <summary>The release a file is uploaded to, and the current file of it the upload replaces.</summary>
    public sealed record Query(ClaimsPrincipal User, long Id, long? Replaces) : IRequest<Target>;

    public sealed record Added(Outcome Outcome, FileRow? File = null);

    /// <summary>Streams <paramref name="Content"/> (the request's file section, read once) into the
    /// store and records it as a file of release <paramref name="Id"/>, replacing file <paramref name="Replaces"/>.
    /// <paramref name="UploadKey"/>: the form's idempotency key (a retry answers the file it stored).</summary>
    public sealed record AddFile(ClaimsPrincipal User, long Id, long? Replaces, string FileName, Stream Content, string? UploadKey = null) : IRequest<Added>;

    internal sealed class Handler(ReleaseQueries queries, ReleaseStore store, IOptions<DownloadsOptions> options)
        : IRequestHandler<Query, Target>, IRequestHandler<AddFile, Added>
    {
        public async Task<Target> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return new Target(Outcome.Forbidden);
            if (await queries.ReleaseAsync(query.Id, ct) is not { } release) return new Target(Outcome.NotFound);
            if (query.Replaces is null) return new Target(Outcome.Done, release);
            return (await queries.FilesAsync(query.Id, ct)).FirstOrDefault(f => f.Id == query.Replaces) is { } replaces
                ? new Target(Outcome.Done, release, replaces)
                : new Target(Outcome.NotFound);
        }

        public async Task<Added> Handle(AddFile command, CancellationToken ct)
        {
            if (!command.User.IsStaff()) return new Added(Outcome.Forbidden);
            try
            {
                return await store.AddFileAsync(command.Id, command.FileName, command.Content, options.Value.MaxUploadBytes, command.Replaces,
                    Core.Files.UploadKey.For(command.UploadKey, command.User.UserId()), ct) is { } row
                    ? new Added(Outcome.Done, row)
                    : new Added(Outcome.NotFound);
            }
            catch (FileTooLargeException)
            {
                return new Added(Outcome.TooLarge);
            }
        }
    }
}
