using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Courses;
using Portal.Web.Paging;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage.Courses;

/// <summary>Staff: the courses, with their product, audience, mode and whether materials exist.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public PagedList<CourseRow> Courses { get; private set; } = PagedList<CourseRow>.Empty;

    public async Task<IActionResult> OnGetAsync(int? p, CancellationToken ct)
    {
        if (await mediator.Send(new Query(User), ct) is not { } all) return Forbid();
        var page = Math.Clamp(p ?? 1, 1, PagedList<CourseRow>.MaxPage);
        var size = PagedList<CourseRow>.DefaultPageSize;
        Courses = new PagedList<CourseRow>([.. all.Skip((page - 1) * size).Take(size)], page, size, all.Count);
        return Page();
    }

    public sealed record Query(ClaimsPrincipal User) : IRequest<IReadOnlyList<CourseRow>?>;

    internal sealed class Handler(CourseStore store) : IRequestHandler<Query, IReadOnlyList<CourseRow>?>
    {
        public async Task<IReadOnlyList<CourseRow>?> Handle(Query query, CancellationToken ct) =>
            query.User.IsStaff() ? await store.ListAsync(activeOnly: false, ct) : null;
    }
}
