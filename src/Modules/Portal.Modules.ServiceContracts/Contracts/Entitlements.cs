using MediatR;

namespace Portal.Modules.ServiceContracts.Contracts;

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

    /// <summary>The organisation's first period for the product has not started yet (no period ended before).</summary>
    NotStarted,

    /// <summary>Upgrades and media: covered without major upgrades, but no installed version of the
    /// product is recorded, so the release cannot be told apart from a major upgrade. Recording the
    /// installation (or a contract with major upgrades) lifts it.</summary>
    NoInstallation,
}

/// <summary>Whether the organisation is covered for the product at a moment. Dates are days in the
/// vendor's time zone; <see cref="PeriodEnd"/> is covered through its last minute.
/// <see cref="DaysLeft"/> counts the day of the moment: 1 on the last day. <see cref="LastPeriodEnded"/>
/// is the end of the latest non-cancelled period that ended before that day (also when covered now).</summary>
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

/// <summary>The answer to <see cref="CanDownload"/>; when refused, why, and whether renewing would help.
/// <see cref="ExpiredOn"/> is the last covered day of the latest ended period (set whenever one exists).
/// <see cref="Product"/> is the catalog's product (null when the code is not in the catalog): what a
/// refusal page needs to name it and link to a renewal request without asking the catalog again.</summary>
public sealed record DownloadDecision(bool Allowed, DownloadDenial Denial, DateOnly? ExpiredOn, bool RenewalHelps, CatalogProduct? Product = null);

/// <summary>A product of the catalog by id, code and names.</summary>
public sealed record CatalogProduct(long Id, string Code, string NameZh, string NameEn)
{
    /// <summary>The name in the language of <paramref name="culture"/> (Chinese unless it is English).</summary>
    public string Name(System.Globalization.CultureInfo culture) =>
        culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? NameEn : NameZh;
}

/// <summary>May <paramref name="OrganisationId"/> download a release of <paramref name="ProductCode"/>
/// at version <paramref name="ReleaseVersion"/> of kind <paramref name="Kind"/> at <paramref name="At"/>?</summary>
public sealed record CanDownload(long OrganisationId, string ProductCode, ProductVersion ReleaseVersion, ReleaseKind Kind, DateTimeOffset At)
    : IRequest<DownloadDecision>;

/// <summary>Response and resolution targets. Severity 1 (system down) to 4 (questions), 5 = suggestion.
/// When the organisation is not covered, <see cref="Covered"/> is false and the values are the
/// standard level's, a guide only: outside a service period the vendor commits to nothing, so no
/// due date should be promised.</summary>
public sealed record SlaTarget(ServiceLevel Level, int Severity, TimeSpan Respond, TimeSpan? Resolve, bool BusinessHours, bool Covered);

public sealed record SlaTargets(long OrganisationId, string ProductCode, int Severity, DateTimeOffset At) : IRequest<SlaTarget>;

/// <summary>Trainings allowed, used and left in the contract years that contain the moment.
/// Allowed is the sum of trainings_per_year of every covering period (any product); each use counts
/// against one period's contract year. <see cref="YearStart"/>/<see cref="YearEnd"/> are the contract
/// year that ends first (the next day the quota changes); null when nothing covers the moment.</summary>
public sealed record TrainingQuotaInfo(int Allowed, int Used, int Left, DateOnly? YearStart, DateOnly? YearEnd);

public sealed record TrainingQuota(long OrganisationId, DateTimeOffset At) : IRequest<TrainingQuotaInfo>;

/// <summary>The outcome of <see cref="RecordTrainingUse"/>.</summary>
public enum TrainingUseResult
{
    /// <summary>Counted now, or already counted under the same reference (idempotent).</summary>
    Recorded,

    /// <summary>Covered, but every covering contract year has used its trainings.</summary>
    QuotaExhausted,

    /// <summary>No period covers the moment.</summary>
    NotCovered,
}

/// <summary>Counts one training against the organisation's quota at <paramref name="At"/>.
/// <paramref name="Reference"/> is the caller's key (e.g. "enrollment:42"), unique per
/// organisation: sending it again returns Recorded without counting twice; after
/// <see cref="ReleaseTrainingUse"/> it counts again.</summary>
public sealed record RecordTrainingUse(long OrganisationId, string Reference, DateTimeOffset At) : IRequest<TrainingUseResult>;

/// <summary>Gives a counted training back (enrollment cancelled). Returns whether a counted use was released.</summary>
public sealed record ReleaseTrainingUse(long OrganisationId, string Reference, DateTimeOffset At) : IRequest<bool>;

/// <summary>One contract year of one service period: free trainings allowed (trainings_per_year) and
/// counted (uses not released). <see cref="YearEnd"/> is the last day (the period's end at the latest).</summary>
public sealed record TrainingYearUse(long OrganisationId, long ContractId, string ProductCode, DateOnly YearStart, DateOnly YearEnd, int Allowed, int Used);

/// <summary>For reports: every contract year of a non-cancelled period that starts in calendar year
/// <paramref name="Year"/> (vendor days), with its allowed and used trainings, zero uses included.</summary>
public sealed record ListTrainingYearUses(int Year) : IRequest<IReadOnlyList<TrainingYearUse>>;
