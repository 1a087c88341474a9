using Microsoft.Extensions.Options;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core;

namespace Portal.Modules.ServiceContracts.Entitlements;

/// <summary>Turns instants into days of the vendor's time zone (Portal:TimeZone), where contract dates are meant.</summary>
public sealed class VendorDays(TimeProvider clock, IOptions<PortalOptions> portal)
{
    public TimeZoneInfo Zone => portal.Value.VendorTimeZone;

    public DateOnly Today => ContractRules.DayOf(clock.GetUtcNow(), Zone);

    public DateOnly DayOf(DateTimeOffset at) => ContractRules.DayOf(at, Zone);
}
