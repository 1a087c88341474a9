using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Training.Courses;
using Portal.Modules.Training.Sessions;

namespace Portal.Modules.Training.Areas.Training.Pages;

/// <summary>A session's public page: the course outline, times in the vendor time zone, place and seats
/// left; signed-in customer contacts get the link to enroll.</summary>
[AllowAnonymous]
public sealed class SessionModel(IMediator mediator) : PageModel
{
    public Details Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await mediator.Send(new Query(id), ct) is not { } details) return NotFound();
        Shown = details;
        return Page();
    }

    public sealed record Details(SessionRow Session, CourseRow Course, int SeatsLeft);

    public sealed record Query(long Id) : IRequest<Details?>;

    internal sealed class Handler(SessionStore sessions, CourseStore courses, ISessionSeats seats) : IRequestHandler<Query, Details?>
    {
        public async Task<Details?> Handle(Query query, CancellationToken ct)
        {
            if (await sessions.FindAsync(query.Id, ct) is not { } s) return null;
            if (await courses.FindAsync(s.CourseId, ct) is not { } course) return null;
            var taken = (await seats.TakenAsync([s.Id], ct)).GetValueOrDefault(s.Id);
            return new Details(s, course, Math.Max(0, s.Capacity - taken));
        }
    }
}
