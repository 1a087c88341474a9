using Dapper;
using MediatR;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Feedback.Domain;

namespace Portal.Modules.Feedback.Bulletins;

/// <summary>Sends one organisation's bulletin of one month: claims (organisation, month) in fb_bulletins in
/// the same transaction as the emails enter the outbox, so whoever claims it first sends it and everyone
/// else (another node, a second run) sends nothing. A month with nothing to report is claimed without emails;
/// contacts who turned the bulletin off in their profile get none.</summary>
internal sealed class BulletinSender(IDb db, IOutbox outbox, IMediator mediator, BulletinQueries queries, BulletinEmails emails, TimeProvider clock)
{
    /// <summary>True when this call claimed the month (and queued its emails, if any).</summary>
    public async Task<bool> SendAsync(OrganisationInfo organisation, BulletinMonth month, CancellationToken ct)
    {
        var bulletin = await queries.BuildAsync(organisation, month, ct);
        var messages = new List<Notifications.Contracts.EmailRequested>();
        if (bulletin.HasContent)
        {
            var contacts = await mediator.Send(new ListOrganisationContacts(organisation.Id), ct);
            var chosen = await mediator.Send(new GetEmailPreferences([.. contacts.Select(c => c.UserId)]), ct);
            messages.AddRange(contacts
                .Where(c => chosen.GetValueOrDefault(c.UserId, EmailPreferences.Default).MonthlyBulletin)
                .Select(c => emails.Build(bulletin, c)));
        }
        return await db.WriteAsync(async (c, tx) =>
        {
            var claimed = await c.ExecuteAsync("""
                INSERT INTO fb_bulletins (organisation_id, month, reported, recipients, received, resolved, still_open, sent_at)
                VALUES (@OrganisationId, @Month, @HasContent, @Recipients, @Received, @Resolved, @StillOpen, @Now)
                ON CONFLICT (organisation_id, month) DO NOTHING
                """, new
            {
                bulletin.OrganisationId, bulletin.Month, bulletin.HasContent, Recipients = messages.Count,
                bulletin.Received, bulletin.Resolved, bulletin.StillOpen, Now = clock.GetUtcNow(),
            }, tx);
            if (claimed == 0) return false;
            foreach (var message in messages) await outbox.EnqueueAsync(c, tx, message, message.DedupKey);
            return true;
        }, ct);
    }
}
