using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Notifications.Areas.Notifications.Pages.Manage.Outbox;

/// <summary>Background deliveries: how much is waiting in the outbox, and the dead letters
/// (events that failed every attempt) with a way to queue them again.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    /// <summary>Dead letters shown at most; the count above the list says how many there are.</summary>
    public const int Limit = 100;

    public const string NotRetriedKey = "OutboxNotRetried";

    public Result Data { get; private set; } = new(0, 0, []);

    public async Task OnGetAsync(CancellationToken ct) => Data = await mediator.Send(new Query(Limit), ct);

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        if (await mediator.Send(new Retry(id), ct))
            TempData["Message"] = localizer["The delivery was queued again and will be attempted shortly."].Value;
        else
            TempData[NotRetriedKey] = localizer["This delivery is no longer in the dead letters; it may have been retried already."].Value;
        return RedirectToPage();
    }

    /// <summary>"Portal.Modules.Notifications.Contracts.EmailRequested" → "EmailRequested".</summary>
    public static string ShortType(string eventType) => eventType[(eventType.LastIndexOf('.') + 1)..];

    public sealed record Query(int Limit) : IRequest<Result>;

    public sealed record Result(int Pending, int Dead, IReadOnlyList<OutboxMessage> DeadLetters);

    public sealed record Retry(long Id) : IRequest<bool>;

    internal sealed class QueryHandler(IOutboxMonitor outbox) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var (pending, dead) = await outbox.CountsAsync(cancellationToken);
            var letters = await outbox.ListAsync(deadOnly: true, request.Limit, cancellationToken);
            return new Result(pending, dead, letters);
        }
    }

    internal sealed class RetryHandler(IOutboxMonitor outbox) : IRequestHandler<Retry, bool>
    {
        public Task<bool> Handle(Retry request, CancellationToken cancellationToken) => outbox.RetryAsync(request.Id, cancellationToken);
    }
}
