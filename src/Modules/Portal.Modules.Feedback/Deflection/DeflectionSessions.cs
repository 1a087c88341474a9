using System.Globalization;
using System.Security.Claims;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Feedback.Deflection;

/// <summary>fb_deflection: one row per load of the new-request form. Every change names the session
/// together with the signed-in customer's user and organisation, so a session id of another user
/// changes nothing.</summary>
internal sealed class DeflectionSessions(IDb db, TimeProvider clock, IOptions<PortalOptions> portal)
{
    /// <summary>How long after opening an article a session without a submission counts as deflected.</summary>
    public static readonly TimeSpan DeflectedAfter = TimeSpan.FromHours(1);

    /// <summary>A new session for a customer contact; null for anyone else.</summary>
    public async Task<Guid?> StartAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (Owner(user) is not { } owner) return null;
        var id = Guid.NewGuid();
        var now = clock.GetUtcNow();
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO fb_deflection (session_id, organisation_id, user_id, month, started_at)
            VALUES (@Session, @Organisation, @User, @Month, @Now)
            """, new { Session = Key(id), owner.Organisation, owner.User, Month = MonthOf(now), Now = now }, tx), ct);
        return id;
    }

    public Task ShownAsync(ClaimsPrincipal user, Guid session, CancellationToken ct) =>
        UpdateAsync(user, session, "shown_at = COALESCE(shown_at, @Now)", "submitted_at IS NULL", null, ct);

    public Task OpenedAsync(ClaimsPrincipal user, Guid session, int position, CancellationToken ct) =>
        UpdateAsync(user, session, "opened_at = COALESCE(opened_at, @Now), opened_position = COALESCE(opened_position, @Value), opened_count = opened_count + 1",
            null, position, ct);

    public Task SubmittedAsync(ClaimsPrincipal user, Guid session, long requestId, CancellationToken ct) =>
        UpdateAsync(user, session, "submitted_at = @Now, request_id = @Value", "submitted_at IS NULL", requestId, ct);

    /// <summary>The months from <paramref name="fromMonth"/> (yyyy-MM) that have sessions with
    /// suggestions shown, newest first.</summary>
    public async Task<IReadOnlyList<DeflectionMonth>> MonthsAsync(string fromMonth, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<DeflectionMonth>("""
            SELECT month AS Month, COUNT(*) AS Shown, SUM(opened_count) AS Opened,
                SUM(CASE WHEN opened_at IS NOT NULL AND submitted_at IS NULL AND opened_at < @Cutoff THEN 1 ELSE 0 END) AS Deflected
            FROM fb_deflection
            WHERE month >= @FromMonth AND shown_at IS NOT NULL
            GROUP BY month ORDER BY month DESC
            """, new { FromMonth = fromMonth, Cutoff = clock.GetUtcNow() - DeflectedAfter });
        return [.. rows];
    }

    /// <summary>The month (yyyy-MM) of an instant in the vendor's time zone.</summary>
    public string MonthOf(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, portal.Value.VendorTimeZone).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private async Task UpdateAsync(ClaimsPrincipal user, Guid session, string set, string? condition, long? value, CancellationToken ct)
    {
        if (Owner(user) is not { } owner) return;
        var where = condition is null ? "" : " AND " + condition;
        await db.WriteAsync((c, tx) => c.ExecuteAsync($"""
            UPDATE fb_deflection SET {set}
            WHERE session_id = @Session AND organisation_id = @Organisation AND user_id = @User{where}
            """, new { Session = Key(session), owner.Organisation, owner.User, Now = clock.GetUtcNow(), Value = value }, tx), ct);
    }

    private static (long Organisation, long User)? Owner(ClaimsPrincipal user) =>
        !user.IsStaff() && user.OrganisationId() is { } organisation && user.UserId() is { } id ? (organisation, id) : null;

    private static string Key(Guid session) => session.ToString("D");
}
