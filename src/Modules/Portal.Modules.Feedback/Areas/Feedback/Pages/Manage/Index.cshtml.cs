using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Feedback.Team;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Web.Paging;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage;

/// <summary>The staff queue: open requests by next due time (overdue first), filtered by status, type,
/// severity, product, organisation, assignee, tier, due soon and breached. Complaints appear only to
/// service supervisors and admins.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator, IOptions<FeedbackOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "severity")] public int? Severity { get; set; }
    [BindProperty(SupportsGet = true, Name = "product")] public string? Product { get; set; }
    [BindProperty(SupportsGet = true, Name = "org")] public long? Organisation { get; set; }
    [BindProperty(SupportsGet = true, Name = "assignee")] public string? Assignee { get; set; }
    [BindProperty(SupportsGet = true, Name = "tier")] public int? Tier { get; set; }
    [BindProperty(SupportsGet = true, Name = "soon")] public bool DueSoon { get; set; }
    [BindProperty(SupportsGet = true, Name = "breached")] public bool Breached { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Result Queue { get; private set; } = new(PagedList<RequestRow>.Empty, new Dictionary<long, string>(), [], [], false, DateTimeOffset.MinValue, TimeSpan.Zero);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Status = Status is "all" or "open" || RequestVocabulary.Statuses.Contains(Status ?? "") ? Status : "open";
        Sort = QueueFilter.Sorts.Contains(Sort ?? "") ? Sort : "due";
        if (Severity is not (>= 1 and <= 4)) Severity = null;
        if (Tier is not (>= 1 and <= RequestWorkflow.MaxTier)) Tier = null;
        var filter = new QueueFilter(Status == "all" ? "all" : Status, Type, Severity, Product, Organisation, Assignee, DueSoon, Breached, Sort, Tier);
        if (await mediator.Send(new Query(User, filter, PageNumber, options.Value.DueSoon), ct) is not { } queue) return Forbid();
        Queue = queue;
        return Page();
    }

    /// <summary>The marker beside a due time: overdue, due soon, or none.</summary>
    public string? DueMarker(RequestRow r) =>
        r.NextDueAt is not { } due ? null : due < Queue.Now ? "overdue" : due <= Queue.Now + Queue.DueSoon ? "soon" : null;

    public string OrganisationName(long id) => Queue.Organisations.TryGetValue(id, out var name) ? name : id.ToString(CultureInfo.InvariantCulture);

    /// <param name="Organisations">Every organisation's name by id, for the filter and the rows.</param>
    /// <param name="Complaints">The reader handles complaints (service supervisor or admin).</param>
    public sealed record Result(PagedList<RequestRow> Requests, IReadOnlyDictionary<long, string> Organisations, IReadOnlyList<ProductInfo> Products,
        IReadOnlyList<StaffUser> Staff, bool Complaints, DateTimeOffset Now, TimeSpan DueSoon);

    /// <summary>A page of the queue; null when the user is not staff.</summary>
    public sealed record Query(ClaimsPrincipal User, QueueFilter Filter, int Page, TimeSpan DueSoon) : IRequest<Result?>;

    internal sealed class Handler(IMediator mediator, RequestQueries queries, TeamDirectory team, TimeProvider clock) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var complaints = await StaffAccess.HandlesComplaintsAsync(query.User, team, ct);
            var now = clock.GetUtcNow();
            var requests = await queries.QueueAsync(query.Filter with { Complaints = complaints }, query.User.UserId(), now, query.DueSoon, query.Page, ct);
            var organisations = (await mediator.Send(new ListOrganisations(), ct)).ToDictionary(o => o.Id, o => o.Name);
            return new Result(requests, organisations, await mediator.Send(new ListProducts(IncludeInactive: true), ct),
                await mediator.Send(new ListStaffUsers(), ct), complaints, now, query.DueSoon);
        }
    }
}
