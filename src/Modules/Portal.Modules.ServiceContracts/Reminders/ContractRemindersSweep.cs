using System.Data.Common;
using System.Globalization;
using Dapper;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Notifications.Contracts;
using Portal.Web.Formatting;

namespace Portal.Modules.ServiceContracts.Reminders;

/// <summary>Emails each organisation's contacts before their service periods end and once after
/// (<see cref="ExpiryReminders"/>), in each recipient's language. Not for cancelled periods, not
/// for periods followed by a later one for the same product (already renewed), not for inactive
/// organisations. A reminder is recorded in sc_reminders (unique per period, reminder and recipient)
/// in the same transaction as its email is written to the outbox, so two sweeps at once, on one
/// node or several, send it once.</summary>
internal sealed class ContractRemindersSweep(
    IDb db, IOutbox outbox, IMediator mediator, TimeProvider clock, IOptions<PortalOptions> portal,
    ILogger<ContractRemindersSweep> logger) : ISweep
{
    public const string ReminderTemplate = "contracts.expiry-reminder";
    public const string EndedTemplate = "contracts.expired";

    public string Name => "contracts.reminders";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    private sealed class PeriodRow
    {
        public long Id { get; set; }
        public long OrganisationId { get; set; }
        public DateOnly StartsOn { get; set; }
        public DateOnly EndsOn { get; set; }
        public string NameZh { get; set; } = "";
        public string NameEn { get; set; } = "";
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var today = ContractRules.DayOf(clock.GetUtcNow(), portal.Value.VendorTimeZone);
        var (earliestEnd, latestEnd) = ExpiryReminders.Window(today);
        List<PeriodRow> periods;
        await using (var c = await db.OpenAsync(ct))
        {
            periods = [.. await c.QueryAsync<PeriodRow>("""
                SELECT c.id AS Id, c.organisation_id AS OrganisationId, c.starts_on AS StartsOn, c.ends_on AS EndsOn,
                       p.name_zh AS NameZh, p.name_en AS NameEn
                FROM sc_contracts c JOIN sc_products p ON p.id = c.product_id
                WHERE c.cancelled_at IS NULL AND c.starts_on <= @Today AND c.ends_on >= @EarliestEnd AND c.ends_on <= @LatestEnd
                  AND NOT EXISTS (
                      SELECT 1 FROM sc_contracts n
                      WHERE n.organisation_id = c.organisation_id AND n.product_id = c.product_id
                        AND n.cancelled_at IS NULL AND n.starts_on > c.ends_on)
                ORDER BY c.id
                """, new { Today = today, EarliestEnd = earliestEnd, LatestEnd = latestEnd })];
        }

        var organisations = new Dictionary<long, (OrganisationInfo? Info, IReadOnlyList<OrganisationContact> Contacts)>();
        var sent = 0;
        foreach (var period in periods)
        {
            if (ExpiryReminders.Due(today, period.StartsOn, period.EndsOn) is not { } reminder) continue;
            if (!organisations.TryGetValue(period.OrganisationId, out var org))
            {
                var info = await mediator.Send(new GetOrganisation(period.OrganisationId), ct);
                var contacts = info is { IsActive: true } ? await mediator.Send(new ListOrganisationContacts(period.OrganisationId), ct) : [];
                organisations[period.OrganisationId] = org = (info, contacts);
            }
            if (org.Info is not { IsActive: true } organisation || org.Contacts.Count == 0) continue;
            sent += await SendAsync(period, reminder, today, organisation, org.Contacts, ct);
        }
        if (sent > 0) logger.LogInformation("Contract reminders: {Count} emails queued for {Today}", sent, today);
    }

    private async Task<int> SendAsync(PeriodRow period, ExpiryReminder reminder, DateOnly today, OrganisationInfo organisation,
        IReadOnlyList<OrganisationContact> contacts, CancellationToken ct)
    {
        var code = ExpiryReminders.Code(reminder);
        await using (var c = await db.OpenAsync(ct))
        {
            var done = (await c.QueryAsync<long>("SELECT user_id FROM sc_reminders WHERE contract_id = @Id AND reminder = @Code",
                new { period.Id, Code = code })).ToHashSet();
            contacts = [.. contacts.Where(x => !done.Contains(x.UserId))];
        }
        if (contacts.Count == 0) return 0;
        return await db.WriteAsync(async (c, tx) =>
        {
            var count = 0;
            foreach (var contact in contacts)
            {
                if (!await RecordAsync(c, tx, period, code, today, contact)) continue;
                var email = Email(period, reminder, today, organisation, contact);
                if (await outbox.EnqueueAsync(c, tx, email, email.DedupKey)) count++;
            }
            return count;
        }, ct);
    }

    // True when this sweep is the one that sends it: a concurrent sweep's row makes the insert do nothing.
    private async Task<bool> RecordAsync(DbConnection c, DbTransaction tx, PeriodRow period, string code, DateOnly today, OrganisationContact contact)
    {
        var id = await c.ExecuteScalarAsync<long?>("""
            INSERT INTO sc_reminders (contract_id, reminder, user_id, email, language, due_on, sent_at)
            VALUES (@ContractId, @Code, @UserId, @Email, @Language, @Today, @Now)
            ON CONFLICT DO NOTHING
            RETURNING id
            """, new
        {
            ContractId = period.Id, Code = code, contact.UserId, contact.Email, contact.Language, Today = today, Now = clock.GetUtcNow(),
        }, tx);
        return id is not null;
    }

    private EmailRequested Email(PeriodRow period, ExpiryReminder reminder, DateOnly today, OrganisationInfo organisation, OrganisationContact contact)
    {
        var english = contact.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = contact.DisplayName,
            ["organisation"] = organisation.Name,
            ["product"] = english ? period.NameEn : period.NameZh,
            ["ends_on"] = DisplayTime.Date(period.EndsOn),
            ["link"] = portal.Value.BaseUrl.TrimEnd('/') + "/Contracts/MyService",
        };
        if (reminder != ExpiryReminder.Ended)
            values["days"] = ContractRules.DaysLeft(period.EndsOn, today).ToString(CultureInfo.InvariantCulture);
        var dedupKey = string.Create(CultureInfo.InvariantCulture, $"contracts.reminder:{period.Id}:{ExpiryReminders.Code(reminder)}:{contact.UserId}");
        return new EmailRequested(contact.Email, reminder == ExpiryReminder.Ended ? EndedTemplate : ReminderTemplate,
            contact.Language, values, dedupKey);
    }
}
