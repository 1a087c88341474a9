using Dapper;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Background;
using Portal.Modules.Core.Data;
using Portal.Modules.Feedback.Requests;

namespace Portal.Modules.Feedback.Closing;

/// <summary>Closes requests whose proposed solution has been neither confirmed nor answered for
/// <see cref="FeedbackOptions.AutoCloseAfterMonths"/> months, emails the customer (who may reopen
/// within <see cref="FeedbackOptions.ReopenWithinMonths"/>) and publishes RequestClosed. Each close
/// is a conditional update on the row version, so nodes running it at once close a request once.</summary>
internal sealed class AutoCloseSweep(IDb db, RequestWorkflow workflow, TimeProvider clock, IOptions<FeedbackOptions> options) : ISweep
{
    public string Name => "feedback.auto-close";

    public TimeSpan Interval => TimeSpan.FromMinutes(15);

    public async Task RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddMonths(-options.Value.AutoCloseAfterMonths);
        List<long> due;
        await using (var c = await db.OpenAsync(ct))
            due = [.. await c.QueryAsync<long>("SELECT id FROM fb_requests WHERE status = 'proposed' AND proposed_at <= @cutoff ORDER BY id", new { cutoff })];
        if (due.Count == 0) return;
        foreach (var id in due) await workflow.AutoCloseAsync(id, cutoff, ct);
    }
}
