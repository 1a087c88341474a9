using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.ServiceContracts;

/// <summary>Cancelling a period (entered by mistake, contract withdrawn): it then covers nothing
/// but stays on record with who cancelled it, when and why. Staff may do it, as they record periods.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class CancelModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Give the reason for the cancellation.")]
    [StringLength(500, ErrorMessage = "The reason can be at most 500 characters long.")]
    public string? Reason { get; set; }

    [BindProperty]
    public int RowVersion { get; set; }

    public ServicePeriod? Period { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Period!.IsCancelled) return RedirectToPage("Edit", new { id = Id });
        RowVersion = Period.RowVersion;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await mediator.Send(new Command(User, Id, RowVersion, Reason!), ct);
        if (result.Status == ContractResultStatus.NotFound) return NotFound();
        if (result.Status == ContractResultStatus.Forbidden) return Forbid();
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", localizer[result.Error!, result.Args ?? []]);
            ModelState.Remove(nameof(RowVersion));
            RowVersion = Period!.RowVersion;
            return Page();
        }
        TempData["Message"] = localizer["The service period was cancelled."].Value;
        return RedirectToPage("Edit", new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Period = await mediator.Send(new Query(User, Id), ct);
        return Period is not null;
    }

    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<ServicePeriod?>;

    public sealed record Command(ClaimsPrincipal User, long Id, int RowVersion, string Reason) : IRequest<ContractResult>;

    internal sealed class Handler(IDb db, ContractWriter writer) : IRequestHandler<Query, ServicePeriod?>, IRequestHandler<Command, ContractResult>
    {
        public async Task<ServicePeriod?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            await using var c = await db.OpenAsync(ct);
            return await c.QuerySingleOrDefaultAsync<ServicePeriod>($"SELECT {ServicePeriod.Columns} FROM sc_contracts c WHERE c.id = @Id", new { query.Id });
        }

        public async Task<ContractResult> Handle(Command command, CancellationToken ct) =>
            command.User.IsStaff()
                ? await writer.CancelAsync(command.Id, command.RowVersion, command.Reason, command.User.UserId(), ct)
                : ContractResult.Forbidden;
    }
}
