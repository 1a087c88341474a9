using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Files;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Releases;
using Portal.Modules.Downloads.Serving;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages;

/// <summary>Serves one file of a release by its id. The file is found by id only (the name in the
/// URL must match the stored name, but no path is ever built from either). Staff get any file;
/// anyone gets the files of a published public release; a signed-in customer gets the files of a
/// published release when Contracts' <see cref="CanDownload"/> allows it for their organisation
/// (taken from the sign-in, never from the request); otherwise 403 with the reason and no bytes.
/// Ranges, If-Range, ETag (the SHA-256) and Last-Modified are handled by FileStreamResult (see DownloadResult); the
/// response is always an attachment (RFC 5987 file name) of type application/octet-stream.</summary>
[AllowAnonymous]
public sealed class FileModel(IMediator mediator, DownloadLog log) : PageModel
{
    public ReleaseRow? Release { get; private set; }

    public DownloadDecision? Refusal { get; private set; }

    public long? ProductId { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? name, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(User, id, name), ct);
        switch (result.Outcome)
        {
            case Outcome.NotFound:
                return NotFound();
            case Outcome.SignIn:
                return Challenge();
            case Outcome.Refused:
                Release = result.Release;
                Refusal = result.Decision;
                ProductId = result.ProductId;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
        }

        var file = result.File!;
        if (result.Stream is not { } stored) return NotFound();
        var counted = new CountingStream(stored);
        var (userId, organisationId) = (User.UserId(), User.OrganisationId());
        Response.OnCompleted(() => HttpMethods.IsGet(Request.Method) && counted.BytesRead > 0
            ? log.RecordAsync(file.Id, file.ReleaseId, userId, organisationId, counted.BytesRead)
            : Task.CompletedTask);
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        Response.Headers[HeaderNames.CacheControl] = "private, no-transform";
        return new DownloadResult(counted, file.FileName, file.CreatedAt, file.Sha256);
    }

    public enum Outcome
    {
        NotFound,
        SignIn,
        Refused,
        Serve,
    }

    public sealed record Result(Outcome Outcome, FileRow? File = null, Stream? Stream = null, ReleaseRow? Release = null,
        DownloadDecision? Decision = null, long? ProductId = null);

    public sealed record Query(ClaimsPrincipal User, long FileId, string? Name) : IRequest<Result>;

    internal sealed class Handler(ReleaseQueries queries, IFileStore files, IMediator mediator, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            if (await queries.FileAsync(query.FileId, ct) is not { } found) return new Result(Outcome.NotFound);
            var (file, release) = found;
            if (query.Name is not null && !string.Equals(query.Name, file.FileName, StringComparison.Ordinal)) return new Result(Outcome.NotFound);
            var staff = query.User.IsStaff();
            if (!staff && (!file.IsCurrent || !release.IsPublished)) return new Result(Outcome.NotFound);
            if (!staff && !release.IsPublic)
            {
                if (query.User.Identity?.IsAuthenticated != true) return new Result(Outcome.SignIn);
                var decision = query.User.OrganisationId() is { } organisation
                    ? await mediator.Send(new CanDownload(organisation, release.ProductCode, release.Version, ReleaseVocabulary.KindOf(release.Kind), clock.GetUtcNow()), ct)
                    : new DownloadDecision(false, DownloadDenial.NoContract, null, false);
                if (!decision.Allowed)
                {
                    var product = await mediator.Send(new GetProduct(release.ProductCode), ct);
                    return new Result(Outcome.Refused, Release: release, Decision: decision, ProductId: product?.Id);
                }
            }
            return files.OpenRead(file.StoreKey) is { } stream ? new Result(Outcome.Serve, file, stream) : new Result(Outcome.NotFound);
        }
    }
}
