using Dapper;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Accounts.Sessions;

/// <summary>Deletes sessions past their idle or absolute limit. They are dead already (the store
/// refuses them); this keeps the table and the session lists small. One conditional DELETE, so
/// nodes running it at once do no harm.</summary>
internal sealed class ExpiredSessionsSweep(IDb db, TimeProvider clock) : ISweep
{
    public string Name => "accounts.expired-sessions";

    public TimeSpan Interval => TimeSpan.FromMinutes(15);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM acc_sessions WHERE expires_at <= @now OR idle_expires_at <= @now", new { now }, tx), ct);
    }
}
