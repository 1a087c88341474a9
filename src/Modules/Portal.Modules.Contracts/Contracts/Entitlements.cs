using MediatR;

namespace Portal.Modules.Contracts.Contracts;

public enum ServiceLevel
{
    /// <summary>5×8: responses counted in business hours.</summary>
    Standard,

    /// <summary>7×24: responses counted in clock hours.</summary>
    Premium,
}

public enum ReleaseKind
{
    Patch,
    Upgrade,
    Tool,
    Manual,
    Media,
}

/// <summary>Why a download is refused.</summary>
public enum DownloadDenial
{
    None,

    /// <summary>The organisation never had a service period for the product.</summary>
    NoContract,

    /// <summary>The last period ended (see <see cref="DownloadDecision.ExpiredOn"/>).</summary>
    Expired,

    /// <summary>Covered, but the release is a major upgrade the contract does not include.</summary>
    MajorUpgradeNotIncluded,

    /// <summary>Manuals: the organisation has the product neither installed nor contracted.</summary>
    NotInstalled,
}

/// <summary>Whether the organisation is covered for the product at a moment. Dates are days in the
/// vendor's time zone; <see cref="PeriodEnd"/> is covered through its last minute.</summary>
public sealed record Entitlement(
    bool Covered,
    long? ContractId,
    ServiceLevel? Level,
    bool MajorUpgradesIncluded,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    int? DaysLeft,
    DateOnly? LastPeriodEnded);

/// <summary>The entitlement of <paramref name="OrganisationId"/> for <paramref name="ProductCode"/> at <paramref name="At"/>.</summary>
public sealed record GetEntitlement(long OrganisationId, string ProductCode, DateTimeOffset At) : IRequest<Entitlement>;

/// <summary>The answer to <see cref="CanDownload"/>; when refused, why, and whether renewing would help.</summary>
public sealed record DownloadDecision(bool Allowed, DownloadDenial Denial, DateOnly? ExpiredOn, bool RenewalHelps);

/// <summary>May <paramref name="OrganisationId"/> download a release of <paramref name="ProductCode"/>
/// at version <paramref name="ReleaseVersion"/> of kind <paramref name="Kind"/> at <paramref name="At"/>?</summary>
public sealed record CanDownload(long OrganisationId, string ProductCode, ProductVersion ReleaseVersion, ReleaseKind Kind, DateTimeOffset At)
    : IRequest<DownloadDecision>;

/// <summary>Response and resolution targets. Severity 1 (system down) to 4 (questions), 5 = suggestion.</summary>
public sealed record SlaTarget(ServiceLevel Level, int Severity, TimeSpan Respond, TimeSpan? Resolve, bool BusinessHours, bool Covered);

public sealed record SlaTargets(long OrganisationId, string ProductCode, int Severity, DateTimeOffset At) : IRequest<SlaTarget>;

/// <summary>Trainings allowed, used and left in the contract year that contains the moment.</summary>
public sealed record TrainingQuotaInfo(int Allowed, int Used, int Left, DateOnly? YearStart, DateOnly? YearEnd);

public sealed record TrainingQuota(long OrganisationId, DateTimeOffset At) : IRequest<TrainingQuotaInfo>;
