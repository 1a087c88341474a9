using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Certificates;
using Portal.Web.Formatting;
using Portal.Web.Paging;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage;

/// <summary>Staff: issued certificates, searched by number or name; revoking one takes a reason and a
/// confirmation step.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class CertificatesModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public PagedList<MyCertificates.Item> List { get; private set; } = PagedList<MyCertificates.Item>.Empty;

    /// <summary>The certificate whose revocation is being confirmed.</summary>
    public CertificateRow? Confirming { get; private set; }

    public async Task<IActionResult> OnGetAsync(int p = 1, long? revoke = null, CancellationToken ct = default)
    {
        if (await mediator.Send(new Query(User, Q, p), ct) is not { } list) return Forbid();
        List = list;
        if (revoke is { } id) Confirming = await mediator.Send(new Find(User, id), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        var reason = Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > 500)
        {
            ModelState.AddModelError(nameof(Reason), localizer["Give a reason for revoking (at most 500 characters)."]);
            return await OnGetAsync(1, id, ct);
        }
        if (!await mediator.Send(new Revoke(User, id, reason), ct)) return NotFound();
        TempData["Message"] = localizer["The certificate has been revoked."].Value;
        return RedirectToPage(new { q = Q });
    }

    public sealed record Query(ClaimsPrincipal User, string? Text, int Page) : IRequest<PagedList<MyCertificates.Item>?>;

    public sealed record Find(ClaimsPrincipal User, long Id) : IRequest<CertificateRow?>;

    public sealed record Revoke(ClaimsPrincipal User, long Id, string Reason) : IRequest<bool>;

    internal sealed class Handler(CertificateStore store, DisplayTime time, TimeProvider clock) :
        IRequestHandler<Query, PagedList<MyCertificates.Item>?>, IRequestHandler<Find, CertificateRow?>, IRequestHandler<Revoke, bool>
    {
        public async Task<PagedList<MyCertificates.Item>?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var page = PagedList<MyCertificates.Item>.Normalize(query.Page);
            var size = PagedList<MyCertificates.Item>.DefaultPageSize;
            var (rows, total) = await store.SearchAsync(query.Text, page, size, ct);
            var today = time.Day(clock.GetUtcNow());
            return new PagedList<MyCertificates.Item>([.. rows.Select(r => new MyCertificates.Item(r, r.Status(today)))], page, size, total);
        }

        public async Task<CertificateRow?> Handle(Find query, CancellationToken ct) =>
            query.User.IsStaff() && await store.ByIdAsync(query.Id, ct) is { RevokedAt: null } row ? row : null;

        public async Task<bool> Handle(Revoke command, CancellationToken ct) =>
            command.User.IsStaff() && command.User.UserId() is { } staff
            && await store.RevokeAsync(command.Id, staff, command.Reason, clock.GetUtcNow(), ct);
    }
}
