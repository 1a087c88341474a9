using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Deflection;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage;

/// <summary>Staff: how often suggested knowledge articles answered a question before it became a
/// request, per month for the last twelve months (newest first), across all organisations.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class DeflectionModel(IMediator mediator) : PageModel
{
    public const int Months = 12;

    /// <summary>Every month of the window, newest first; empty when no suggestions were shown in it.</summary>
    public IReadOnlyList<DeflectionMonth> Report { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User), ct) is not { } report) return Forbid();
        Report = report;
        return Page();
    }

    /// <summary>The report; null when the user is not staff.</summary>
    public sealed record Query(ClaimsPrincipal User) : IRequest<IReadOnlyList<DeflectionMonth>?>;

    internal sealed class Handler(DeflectionSessions sessions, TimeProvider clock) : IRequestHandler<Query, IReadOnlyList<DeflectionMonth>?>
    {
        public async Task<IReadOnlyList<DeflectionMonth>?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var current = DateOnly.ParseExact(sessions.MonthOf(clock.GetUtcNow()) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var window = Enumerable.Range(0, Months).Select(i => current.AddMonths(-i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
            var rows = (await sessions.MonthsAsync(window[^1], ct)).ToDictionary(r => r.Month, StringComparer.Ordinal);
            if (rows.Count == 0) return [];
            return [.. window.Select(m => rows.GetValueOrDefault(m) ?? new DeflectionMonth { Month = m })];
        }
    }
}
