using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.Recording;
using Portal.Web.Paging;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage.Invitations;

/// <summary>Staff: survey invitations, newest first, by status (pending, answered, expired) and searched by email or
/// organisation; a pending one can have its response recorded (answers received by phone, fax or e-mail).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public Result Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int? p, CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, Status, Q, p ?? 1), ct) is not { } result) return Forbid();
        Shown = result;
        return Page();
    }

    public sealed record Result(PagedList<InvitationLine> Invitations, IReadOnlyDictionary<long, string> Organisations);

    public sealed record Query(ClaimsPrincipal User, string? Status, string? Search, int Page) : IRequest<Result?>;

    internal sealed class Handler(ResponseQueries queries, IMediator mediator) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var status = ResponseQueries.Statuses.Contains(query.Status) ? query.Status : null;
            var search = query.Search?.Trim() is { Length: > 0 } s ? s[..Math.Min(s.Length, 100)] : null;
            var organisations = await mediator.Send(new ListOrganisations(), ct);
            var matching = search is null ? null : organisations
                .Where(o => o.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || o.Code.Contains(search, StringComparison.OrdinalIgnoreCase))
                .Select(o => o.Id).ToList();
            var list = await queries.InvitationsAsync(status, search, matching, query.Page, ct);
            foreach (var line in list.Items) line.Status = queries.StatusOf(line);
            return new Result(list, organisations.ToDictionary(o => o.Id, o => o.Name));
        }
    }
}
