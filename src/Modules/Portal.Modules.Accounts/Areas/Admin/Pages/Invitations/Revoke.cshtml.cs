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

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Invitations;

/// <summary>Confirms and withdraws an invitation: its link stops working. The row is kept for the record.</summary>
public sealed class RevokeModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public InvitationRow Invitation { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new Command(User, Id), ct);
        if (result.Succeeded)
        {
            TempData["Message"] = localizer["The invitation has been withdrawn."].Value;
            return RedirectToPage("Index");
        }
        if (this.FailureResponse(result, localizer) is { } failure) return failure;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(Id), ct) is not { } invitation) return false;
        Invitation = invitation;
        return true;
    }

    public sealed record Query(long Id) : IRequest<InvitationRow?>;

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Query, InvitationRow?>
    {
        public async Task<InvitationRow?> Handle(Query query, CancellationToken ct)
        {
            await using var c = await db.OpenAsync(ct);
            var row = await c.QuerySingleOrDefaultAsync<InvitationRow>(
                $"SELECT {InvitationRow.Columns} FROM {InvitationRow.From} WHERE i.id = @Id", new { query.Id });
            return row?.WithStateAt(clock.GetUtcNow());
        }
    }

    public sealed record Command(ClaimsPrincipal Actor, long Id) : IRequest<CommandResult>;

    internal sealed class CommandHandler(InvitationService invitations, Identity.AuditLog audit) : IRequestHandler<Command, CommandResult>
    {
        public async Task<CommandResult> Handle(Command command, CancellationToken ct)
        {
            if (!AdminActor.IsAdmin(command.Actor)) return CommandResult.Forbidden;
            if (await invitations.RevokeAsync(command.Id, ct) is not { } change) return CommandResult.NotFound;
            if (!change.Changed) return InvitationErrors.Closed(change.Before);
            await audit.WriteAsync(AuditEvents.InvitationRevoked, null, change.Invitation.Email, $"invitation:{change.Invitation.Id}", ct);
            return CommandResult.Done;
        }
    }
}
