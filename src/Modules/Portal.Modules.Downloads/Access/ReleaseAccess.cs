using System.Security.Claims;
using MediatR;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Releases;
using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Downloads.Access;

/// <summary>The one rule of who sees a release and who downloads its files; the release page, the
/// file endpoint and "Updates for my installations" all ask here. Staff: everything. Others: only
/// published releases and current files; a public release to anyone; any other release's page to
/// anyone signed in, and its files when Contracts' <see cref="CanDownload"/> allows it for the
/// organisation of the signed-in user (never one from the request).</summary>
internal sealed class ReleaseAccess(IMediator mediator, TimeProvider clock)
{
    private static readonly DownloadDecision NoOrganisation = new(false, DownloadDenial.NoContract, null, false);

    /// <summary>May <paramref name="user"/> see the release's page?</summary>
    public static AccessDecision ToPage(ClaimsPrincipal user, ReleaseRow release)
    {
        if (user.IsStaff()) return new(AccessOutcome.Granted, AccessReason.Staff);
        if (!release.IsPublished) return new(AccessOutcome.NotFound, AccessReason.Hidden);
        if (release.IsPublic) return new(AccessOutcome.Granted, AccessReason.Public);
        return user.Identity?.IsAuthenticated == true
            ? new(AccessOutcome.Granted, AccessReason.SignedIn)
            : new(AccessOutcome.SignIn, AccessReason.NotSignedIn);
    }

    /// <summary>May <paramref name="user"/> download the files of the release (<paramref name="file"/>
    /// when one is named: a replaced or deleted file is for staff only)?</summary>
    public async Task<AccessDecision> ToFilesAsync(ClaimsPrincipal user, ReleaseRow release, FileRow? file, CancellationToken ct)
    {
        var page = ToPage(user, release);
        if (page.Reason == AccessReason.Staff) return page;
        if (file is { IsCurrent: false }) return new(AccessOutcome.NotFound, AccessReason.Hidden);
        if (page.Reason != AccessReason.SignedIn) return page;
        var decision = user.OrganisationId() is { } organisation
            ? await mediator.Send(new CanDownload(organisation, release.ProductCode, release.Version, ReleaseVocabulary.KindOf(release.Kind), clock.GetUtcNow()), ct)
            : NoOrganisation;
        return decision.Allowed
            ? new(AccessOutcome.Granted, AccessReason.Entitled, decision)
            : new(AccessOutcome.Refused, AccessReason.NotEntitled, decision);
    }
}
