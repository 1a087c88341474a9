using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.ServiceContracts.Periods;

/// <summary>The status of a service period on a given day. Derived, never stored.</summary>
public enum ContractStatus
{
    Upcoming,
    Active,
    Expiring,
    Expired,
    Cancelled,
}

/// <summary>The service contract rules, in one place, without I/O. All dates are days in the
/// vendor's time zone; a period covers its start day through its end day inclusive (the end day
/// until 23:59:59.999 there).</summary>
public static class ContractRules
{
    public const string Free = "free";
    public const string Paid = "paid";
    public const string Standard = "standard";
    public const string Premium = "premium";

    public const int DefaultMonths = 12;
    public const int DefaultTrainingsPerYear = 2;
    public const int MaxMonths = 120;

    /// <summary>A covered period is "expiring" when it has this many days left or fewer (today included).</summary>
    public const int ExpiringDays = 60;

    public static bool IsKind(string? kind) => kind is Free or Paid;

    public static bool IsLevel(string? level) => level is Standard or Premium;

    public static ServiceLevel Level(string level) => level == Premium ? ServiceLevel.Premium : ServiceLevel.Standard;

    /// <summary>The last covered day: the day before the same date <paramref name="months"/> later
    /// (2026-03-01 + 12 months ends 2027-02-28; 2026-01-31 + 1 month ends 2026-02-27).</summary>
    public static DateOnly EndsOn(DateOnly startsOn, int months) => startsOn.AddMonths(months).AddDays(-1);

    /// <summary>The day a moment falls on in the vendor's time zone.</summary>
    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo vendorZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, vendorZone).DateTime);

    /// <summary>Days of cover left counting <paramref name="today"/>: 1 on the last day, 0 after it.</summary>
    public static int DaysLeft(DateOnly endsOn, DateOnly today) => Math.Max(0, endsOn.DayNumber - today.DayNumber + 1);

    public static ContractStatus Status(ServicePeriod period, DateOnly today)
    {
        if (period.IsCancelled) return ContractStatus.Cancelled;
        if (today < period.StartsOn) return ContractStatus.Upcoming;
        if (today > period.EndsOn) return ContractStatus.Expired;
        return DaysLeft(period.EndsOn, today) <= ExpiringDays ? ContractStatus.Expiring : ContractStatus.Active;
    }

    /// <summary>Where a renewal starts: the day after the latest non-cancelled period of the same
    /// organisation and product ends, however early or late it is bought. Null when there is none.</summary>
    public static DateOnly? RenewalStart(IEnumerable<ServicePeriod> samePeriods, long? exceptId = null)
    {
        var last = samePeriods.Where(p => !p.IsCancelled && p.Id != exceptId).Select(p => (DateOnly?)p.EndsOn).Max();
        return last?.AddDays(1);
    }

    /// <summary>The non-cancelled periods (other than <paramref name="exceptId"/>) that share a day
    /// with [<paramref name="startsOn"/>, <paramref name="endsOn"/>].</summary>
    public static IReadOnlyList<ServicePeriod> Overlapping(IEnumerable<ServicePeriod> samePeriods, DateOnly startsOn, DateOnly endsOn, long? exceptId = null) =>
        [.. samePeriods.Where(p => !p.IsCancelled && p.Id != exceptId && p.StartsOn <= endsOn && p.EndsOn >= startsOn).OrderBy(p => p.StartsOn)];

    /// <summary>The period that covers <paramref name="day"/> (the latest-ending one, should data ever overlap).</summary>
    public static ServicePeriod? Covering(IEnumerable<ServicePeriod> periods, DateOnly day) =>
        periods.Where(p => p.Covers(day)).OrderByDescending(p => p.EndsOn).FirstOrDefault();

    /// <summary>The end of the latest non-cancelled period that ended before <paramref name="day"/>.</summary>
    public static DateOnly? LastEndedBefore(IEnumerable<ServicePeriod> periods, DateOnly day) =>
        periods.Where(p => !p.IsCancelled && p.EndsOn < day).Select(p => (DateOnly?)p.EndsOn).Max();

    /// <summary>Uncovered days between consecutive non-cancelled periods, in order: (after, first gap day, last gap day).</summary>
    public static IReadOnlyList<(ServicePeriod Before, DateOnly From, DateOnly To)> Gaps(IEnumerable<ServicePeriod> samePeriods)
    {
        var ordered = samePeriods.Where(p => !p.IsCancelled).OrderBy(p => p.StartsOn).ToList();
        var gaps = new List<(ServicePeriod, DateOnly, DateOnly)>();
        var coveredUntil = DateOnly.MinValue;
        ServicePeriod? before = null;
        foreach (var p in ordered)
        {
            if (before is not null && p.StartsOn > coveredUntil.AddDays(1))
                gaps.Add((before, coveredUntil.AddDays(1), p.StartsOn.AddDays(-1)));
            if (before is null || p.EndsOn > coveredUntil)
            {
                coveredUntil = p.EndsOn;
                before = p;
            }
        }
        return gaps;
    }

    /// <summary>The contract year of <paramref name="period"/> that contains <paramref name="day"/>:
    /// years run from the start date in steps of 12 months; the last one ends with the period.</summary>
    public static (DateOnly Start, DateOnly End)? ContractYear(ServicePeriod period, DateOnly day)
    {
        if (!period.Covers(day)) return null;
        var years = ((day.Year - period.StartsOn.Year) * 12 + day.Month - period.StartsOn.Month) / 12;
        var start = period.StartsOn.AddMonths(12 * years);
        if (start > day) start = period.StartsOn.AddMonths(12 * --years);
        var end = period.StartsOn.AddMonths(12 * (years + 1)).AddDays(-1);
        return (start, end < period.EndsOn ? end : period.EndsOn);
    }
}
