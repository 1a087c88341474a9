using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Downloads.Access;

/// <summary>What <see cref="ReleaseAccess"/> decided, and why. <see cref="Entitlement"/> is
/// Contracts' answer when it was asked (a signed-in customer and a release that is not public).</summary>
public sealed record AccessDecision(AccessOutcome Outcome, AccessReason Reason, DownloadDecision? Entitlement = null)
{
    public bool Granted => Outcome == AccessOutcome.Granted;
}

public enum AccessOutcome
{
    /// <summary>As if it did not exist (404): nothing tells a draft from a missing release.</summary>
    NotFound,

    /// <summary>Sign in first.</summary>
    SignIn,

    /// <summary>Signed in, but the service contract does not cover it (403 with the reason).</summary>
    Refused,

    Granted,
}

public enum AccessReason
{
    /// <summary>Staff see every release, drafts included, and download every file, replaced and deleted ones too.</summary>
    Staff,

    /// <summary>A published public release: anyone, signed in or not.</summary>
    Public,

    /// <summary>A published release's page: anyone signed in (whether the contract covers its files is asked on download).</summary>
    SignedIn,

    /// <summary>Contracts' <see cref="CanDownload"/> allows the organisation of the signed-in user.</summary>
    Entitled,

    /// <summary>A draft, or a file that was replaced or deleted.</summary>
    Hidden,

    /// <summary>The release is not public and nobody is signed in.</summary>
    NotSignedIn,

    /// <summary>Contracts' <see cref="CanDownload"/> refuses (see <see cref="AccessDecision.Entitlement"/>).</summary>
    NotEntitled,
}
