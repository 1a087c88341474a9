using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Accounts.Invitations;
using Portal.Modules.Core.Data;
using Portal.Web.Paging;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Invitations;

/// <summary>Invitations newest first, filtered by state; an open (pending or expired) invitation
/// can be sent again from here or withdrawn after a confirmation.</summary>
public sealed class IndexModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<InvitationRow> Result { get; private set; } = new([], 1, PagedList<InvitationRow>.DefaultPageSize, 0);

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await mediator.Send(new Query(InvitationStates.Parse(State), PageNumber), ct);

    public async Task<IActionResult> OnPostResendAsync(long id, CancellationToken ct)
    {
        var result = await mediator.Send(new ResendCommand(User, id), ct);
        if (result.Succeeded)
        {
            TempData["Message"] = localizer["The invitation has been sent again. The previous link no longer works."].Value;
            return RedirectToPage("Index", new { State, p = PageNumber });
        }
        if (this.FailureResponse(result, localizer) is { } failure) return failure;
        await OnGetAsync(ct);
        return Page();
    }

    public sealed record Query(InvitationState? State, int Page) : IRequest<PagedList<InvitationRow>>;

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Query, PagedList<InvitationRow>>
    {
        public async Task<PagedList<InvitationRow>> Handle(Query query, CancellationToken ct)
        {
            var where = query.State is { } state ? "WHERE " + InvitationStates.Condition(state) : "";
            var page = PagedList<InvitationRow>.Normalize(query.Page);
            var now = clock.GetUtcNow();
            var args = new
            {
                Now = now,
                Take = PagedList<InvitationRow>.DefaultPageSize,
                Skip = PagedList<InvitationRow>.Offset(page, PagedList<InvitationRow>.DefaultPageSize),
            };
            await using var c = await db.OpenAsync(ct);
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM acc_invitations i {where}", args);
            var rows = (await c.QueryAsync<InvitationRow>($"""
                SELECT {InvitationRow.Columns}
                FROM {InvitationRow.From}
                {where}
                ORDER BY i.created_at DESC, i.id DESC
                LIMIT @Take OFFSET @Skip
                """, args)).Select(r => r.WithStateAt(now)).ToList();
            return new PagedList<InvitationRow>(rows, page, PagedList<InvitationRow>.DefaultPageSize, total);
        }
    }

    public sealed record ResendCommand(ClaimsPrincipal Actor, long Id) : IRequest<CommandResult>;

    internal sealed class ResendHandler(InvitationService invitations, Identity.AuditLog audit) : IRequestHandler<ResendCommand, CommandResult>
    {
        public async Task<CommandResult> Handle(ResendCommand command, CancellationToken ct)
        {
            if (!AdminActor.IsAdmin(command.Actor)) return CommandResult.Forbidden;
            if (await invitations.ReissueAsync(command.Id, ct) is not { } change) return CommandResult.NotFound;
            if (!change.Changed) return InvitationErrors.Closed(change.Before);
            await audit.WriteAsync(AuditEvents.InvitationResent, null, change.Invitation.Email, $"invitation:{change.Invitation.Id}", ct);
            return CommandResult.Done;
        }
    }
}
