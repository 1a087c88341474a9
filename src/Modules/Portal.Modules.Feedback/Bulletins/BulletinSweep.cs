using Dapper;
using MediatR;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Portal.Modules.Feedback.Calendar;
using Portal.Modules.Feedback.Domain;

namespace Portal.Modules.Feedback.Bulletins;

/// <summary>Sends the monthly bulletin of every active organisation once its send time has come
/// (<see cref="BulletinSchedule"/>). It runs at start and then every half hour, so a portal that was down
/// on the send day catches up when it starts again, with the latest month due only. Organisations whose
/// month is already claimed are skipped here and, should two nodes race, by the claim itself.</summary>
internal sealed class BulletinSweep(IDb db, IMediator mediator, ServiceClock serviceClock, TimeProvider clock, BulletinSender sender) : ISweep
{
    public string Name => "feedback.bulletin";

    public TimeSpan Interval => TimeSpan.FromMinutes(30);

    public async Task RunAsync(CancellationToken ct)
    {
        var month = BulletinSchedule.LatestDue(clock.GetUtcNow(), await serviceClock.CalendarAsync(ct));
        HashSet<long> done;
        await using (var c = await db.OpenAsync(ct))
            done = [.. await c.QueryAsync<long>("SELECT organisation_id FROM fb_bulletins WHERE month = @Month", new { Month = month.ToString() })];
        foreach (var organisation in await mediator.Send(new ListOrganisations(), ct))
        {
            if (!organisation.IsActive || done.Contains(organisation.Id)) continue;
            await sender.SendAsync(organisation, month, ct);
        }
    }
}
