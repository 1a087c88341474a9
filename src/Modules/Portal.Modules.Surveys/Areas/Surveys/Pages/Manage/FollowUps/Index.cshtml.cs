using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Web.Paging;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage.FollowUps;

/// <summary>Staff: the survey follow-ups, newest first — the response that opened each, its organisation, the
/// complaint in the Feedback queue, whether it is open or closed and how its re-survey ended.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public PagedList<Line> FollowUps { get; private set; } = PagedList<Line>.Empty;

    public async Task<IActionResult> OnGetAsync(int? p, CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, p ?? 1), ct) is not { } page) return Forbid();
        FollowUps = page;
        return Page();
    }

    /// <summary>One follow-up; <see cref="Outcome"/> is null until the re-survey is answered ("satisfied"/"unsatisfied").</summary>
    public sealed class Line
    {
        public long ResponseId { get; init; }
        public long OrganisationId { get; init; }
        public string OrganisationName { get; set; } = "";
        public long RequestId { get; init; }
        public string RequestReference { get; init; } = "";
        public string State { get; init; } = "";
        public DateTimeOffset OpenedAt { get; init; }
        public string? Outcome { get; init; }
    }

    public sealed record Query(ClaimsPrincipal User, int Page) : IRequest<PagedList<Line>?>;

    internal sealed class Handler(IDb db, IMediator mediator) : IRequestHandler<Query, PagedList<Line>?>
    {
        public async Task<PagedList<Line>?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var page = PagedList<Line>.Normalize(query.Page);
            var size = PagedList<Line>.DefaultPageSize;
            List<Line> lines;
            long total;
            await using (var c = await db.OpenAsync(ct))
            {
                total = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM sv_followups", cancellationToken: ct));
                lines = [.. await c.QueryAsync<Line>(new CommandDefinition("""
                    SELECT response_id AS ResponseId, organisation_id AS OrganisationId, request_id AS RequestId, request_reference AS RequestReference,
                        state AS State, opened_at AS OpenedAt, outcome AS Outcome
                    FROM sv_followups ORDER BY opened_at DESC, id DESC LIMIT @size OFFSET @offset
                    """, new { size, offset = PagedList<Line>.Offset(page, size) }, cancellationToken: ct))];
            }
            if (lines.Count > 0)
            {
                var names = (await mediator.Send(new ListOrganisations(), ct)).ToDictionary(o => o.Id, o => o.Name);
                foreach (var l in lines) l.OrganisationName = names.GetValueOrDefault(l.OrganisationId, "");
            }
            return new PagedList<Line>(lines, page, size, total);
        }
    }
}
