using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Enrollments;
using Portal.Web.Paging;

namespace Portal.Modules.Training.Areas.Training.Pages;

/// <summary>"My trainings": the signed-in contact's enrollments with their state, waitlist position
/// and billing; cancelling (after a confirmation step) until the cut-off before the start.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class MineModel(IMediator mediator, IStringLocalizer localizer, IOptions<TrainingOptions> options) : PageModel
{
    public PagedList<Item> List { get; private set; } = PagedList<Item>.Empty;

    /// <summary>The enrollment whose cancellation is being confirmed.</summary>
    public Item? Confirming { get; private set; }

    public TimeSpan CutOff => options.Value.CancelCutOff;

    public IReadOnlyList<Portal.Modules.Training.Certificates.MyCertificates.Item> Certificates { get; private set; } = [];
    /// <summary>The personal calendar feed URL, when the contact has made one.</summary>
    public string? FeedUrl { get; private set; }

    public async Task OnGetAsync(int p = 1, long? cancel = null, CancellationToken ct = default)
    {
        List = await mediator.Send(new Query(User, p), ct);
        Certificates = await mediator.Send(new Portal.Modules.Training.Certificates.MyCertificates(User), ct);
        FeedUrl = await mediator.Send(new Calendars.FeedAddress.Query(User), ct);
        if (cancel is { } id) Confirming = (await mediator.Send(new Query(User, 1, All: true), ct)).Items.FirstOrDefault(i => i.Row.Id == id && i.CanCancel);
    }

    public async Task<IActionResult> OnPostCancelAsync(long id, CancellationToken ct)
    {
        var outcome = await mediator.Send(new Cancel(User, id), ct);
        if (outcome == CancelOutcome.NotFound) return NotFound();
        TempData["Notice"] = outcome == CancelOutcome.Cancelled
            ? localizer["Your enrollment has been cancelled."].Value
            : localizer["It is too late to cancel this enrollment online. Please contact us."].Value;
        return RedirectToPage();
    }

    /// <summary>What the trainee's row says: the session's cancellation first, then attendance once recorded, else the enrollment's state.</summary>
    public static string StateLabel(EnrollmentRow r) => (r.SessionStatus, r.State, r.Attendance) switch
    {
        ("cancelled", _, _) => Courses.CourseLabels.Status("cancelled"),
        (_, "enrolled", "attended") => "Attended",
        (_, "enrolled", "absent") => "Absent",
        (_, "enrolled", _) => "Enrolled",
        (_, "waitlisted", _) => "Waitlisted",
        (_, "requested", _) => "Paid request awaiting confirmation",
        _ => "Enrollment cancelled",
    };

    /// <summary>An enrollment with its place in the waitlist (1 = next to get a seat).</summary>
    public sealed record Item(EnrollmentRow Row, int? WaitlistPlace, bool CanCancel);

    public sealed record Query(ClaimsPrincipal User, int Page, bool All = false) : IRequest<PagedList<Item>>;

    public sealed record Cancel(ClaimsPrincipal User, long EnrollmentId) : IRequest<CancelOutcome>;

    internal sealed class Handler(EnrollmentWorkflow workflow, TimeProvider clock, IOptions<TrainingOptions> options) :
        IRequestHandler<Query, PagedList<Item>>, IRequestHandler<Cancel, CancelOutcome>
    {
        public async Task<PagedList<Item>> Handle(Query query, CancellationToken ct)
        {
            if (query.User.UserId() is not { } user || query.User.OrganisationId() is null) return PagedList<Item>.Empty;
            var rows = await workflow.OfTraineeAsync(user, ct);
            var latest = clock.GetUtcNow() + options.Value.CancelCutOff;
            var items = rows.Select(r => new Item(r, r.WaitlistPlace, r.State != "cancelled" && r.SessionStatus == "scheduled" && r.StartsAt >= latest)).ToList();
            var size = query.All ? Math.Max(1, items.Count) : PagedList<Item>.DefaultPageSize;
            var page = PagedList<Item>.Normalize(query.Page);
            return new PagedList<Item>([.. items.Skip((int)PagedList<Item>.Offset(page, size)).Take(size)], page, size, items.Count);
        }

        public async Task<CancelOutcome> Handle(Cancel command, CancellationToken ct) =>
            command.User.UserId() is { } user && command.User.OrganisationId() is { } organisation
                ? await workflow.CancelAsync(command.EnrollmentId, user, organisation, ct)
                : CancelOutcome.NotFound;
    }
}
