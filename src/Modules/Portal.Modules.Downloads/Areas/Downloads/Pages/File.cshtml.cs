using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Access;
using Portal.Modules.Downloads.Releases;
using Portal.Modules.Downloads.Serving;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Web.Files;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages;

/// <summary>Serves one file of a release by its id. The file is found by id only (the name in the
/// URL must match the stored name, but no path is ever built from either). Who gets it is
/// <see cref="ReleaseAccess"/>'s rule; a refusal is a 403 page with the reason and no bytes.
/// <see cref="StoredFileResult"/> sends it as an attachment (RFC 5987 file name) of type
/// application/octet-stream with ranges, ETag (the SHA-256) and Last-Modified, and the bytes sent
/// go to the download log.</summary>
[AllowAnonymous]
public sealed class FileModel(IMediator mediator) : PageModel
{
    public ReleaseRow? Release { get; private set; }

    public DownloadDecision? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? name, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(User, id, name), ct);
        switch (result.Outcome)
        {
            case AccessOutcome.NotFound:
                return NotFound();
            case AccessOutcome.SignIn:
                return Challenge();
            case AccessOutcome.Refused:
                Release = result.Release;
                Refusal = result.Refusal;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            default:
                return new StoredFileResult(result.File!);
        }
    }

    /// <param name="File">What to send, when granted.</param>
    /// <param name="Refusal">Contracts' reason, when refused.</param>
    public sealed record Result(AccessOutcome Outcome, FileToServe? File = null, ReleaseRow? Release = null, DownloadDecision? Refusal = null);

    public sealed record Query(ClaimsPrincipal User, long FileId, string? Name) : IRequest<Result>;

    internal sealed class Handler(ReleaseQueries queries, ReleaseAccess access, DownloadLog log) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            if (await queries.FileAsync(query.FileId, ct) is not { } found) return new Result(AccessOutcome.NotFound);
            var (file, release) = found;
            if (query.Name is not null && !string.Equals(query.Name, file.FileName, StringComparison.Ordinal)) return new Result(AccessOutcome.NotFound);
            var decision = await access.ToFilesAsync(query.User, release, file, ct);
            if (decision.Outcome == AccessOutcome.Refused) return new Result(AccessOutcome.Refused, Release: release, Refusal: decision.Entitlement);
            if (!decision.Granted) return new Result(decision.Outcome);
            var (userId, organisationId) = (query.User.UserId(), query.User.OrganisationId());
            return new Result(AccessOutcome.Granted, new FileToServe(file.StoreKey, file.FileName, file.CreatedAt, file.Sha256)
            {
                Sent = bytes => log.RecordAsync(file.Id, file.ReleaseId, userId, organisationId, bytes),
            });
        }
    }
}
