using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Renewals;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.RenewalRequests;

/// <summary>Staff mark a renewal request handled, with a note of what was done.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class HandleModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public const int NoteLength = 2000;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public RenewalRequestRow? Renewal { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Note")]
        [Required(ErrorMessage = "Write what was done, e.g. the new contract's reference or why no renewal follows.")]
        [StringLength(NoteLength, ErrorMessage = "Keep the note under {1} characters.")]
        public string Note { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Renewal = await mediator.Send(new Query(User, Id), ct);
        return Renewal is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Renewal = await mediator.Send(new Query(User, Id), ct);
        if (Renewal is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await mediator.Send(new Command(User, Id, Input.Note), ct);
        if (!result.Found) return NotFound();
        if (result.Error is not null)
        {
            ModelState.AddModelError("", localizer[result.Error, result.Args ?? []]);
            return Page();
        }
        TempData["Message"] = localizer["The renewal request has been marked handled."].Value;
        return RedirectToPage("Index");
    }

    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<RenewalRequestRow?>;

    internal sealed class QueryHandler(IDb db, IMediator mediator) : IRequestHandler<Query, RenewalRequestRow?>
    {
        public async Task<RenewalRequestRow?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            RenewalRequestRow? row;
            await using (var c = await db.OpenAsync(ct))
            {
                row = await c.QuerySingleOrDefaultAsync<RenewalRequestRow>($"""
                    SELECT {RenewalRequestRow.Columns}
                    FROM sc_renewal_requests r JOIN sc_products p ON p.id = r.product_id
                    WHERE r.id = @Id
                    """, new { query.Id });
            }
            if (row is not null)
                row.OrganisationName = (await mediator.Send(new GetOrganisation(row.OrganisationId), ct))?.Name ?? "#" + row.OrganisationId;
            return row;
        }
    }

    public sealed record Command(ClaimsPrincipal User, long Id, string Note) : IRequest<RenewalResult>;

    internal sealed class CommandHandler(IDb db, TimeProvider clock) : IRequestHandler<Command, RenewalResult>
    {
        public async Task<RenewalResult> Handle(Command command, CancellationToken ct)
        {
            if (!command.User.IsStaff() || command.User.UserId() is not { } userId) return RenewalResult.NotFound;
            var name = command.User.FindFirstValue(PortalClaims.DisplayName) ?? command.User.Identity?.Name ?? "";
            return await db.WriteAsync(async (c, tx) =>
            {
                var changed = await c.ExecuteAsync("""
                    UPDATE sc_renewal_requests
                    SET state = @Handled, handled_by = @UserId, handled_by_name = @Name, handled_at = @Now, staff_note = @Note
                    WHERE id = @Id AND state = @Open
                    """, new
                {
                    Handled = RenewalRequestStates.Handled, UserId = userId, Name = name, Now = clock.GetUtcNow(), Note = command.Note.Trim(),
                    command.Id, Open = RenewalRequestStates.Open,
                }, tx);
                if (changed == 1) return new RenewalResult(true, Id: command.Id);
                var exists = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sc_renewal_requests WHERE id = @Id", new { command.Id }, tx);
                return exists == 0 ? RenewalResult.NotFound : RenewalResult.Invalid("This renewal request has already been handled.");
            }, ct);
        }
    }
}
