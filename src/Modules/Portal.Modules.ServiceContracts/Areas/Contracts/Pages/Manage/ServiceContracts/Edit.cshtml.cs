using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Entitlements;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.ServiceContracts;

public sealed class EditModel(IMediator mediator, IStringLocalizer localizer) : ContractFormPage(localizer)
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>The period as stored now.</summary>
    public ServicePeriod? Current { get; private set; }

    public OrganisationInfo? Organisation { get; private set; }

    public string ProductCode { get; private set; } = "";

    /// <summary>Every period of the same organisation and product, oldest first, and the uncovered days between them.</summary>
    public IReadOnlyList<ServicePeriod> History { get; private set; } = [];

    public IReadOnlyList<(ServicePeriod Before, DateOnly From, DateOnly To)> Gaps { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public ContractStatus Status => ContractRules.Status(Current!, Today);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input = new ContractInput
        {
            OrganisationId = Current!.OrganisationId, ProductId = Current.ProductId, Kind = Current.Kind, ServiceLevel = Current.ServiceLevel,
            StartsOn = Current.StartsOn, Months = Current.Months, MajorUpgrades = Current.MajorUpgrades, TrainingsPerYear = Current.TrainingsPerYear,
            Reference = Current.Reference, Notes = Current.Notes, RowVersion = Current.RowVersion,
            StartAfterGap = Gaps.Any(g => g.To.AddDays(1) == Current.StartsOn),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!OrganisationExists() || !ModelState.IsValid) return Page();
        var result = await mediator.Send(new Command(User, Id, Input), ct);
        if (!result.Succeeded)
        {
            if (Failure(result) is { } refused) return refused;
            // What was typed stays; the next save applies to the version now shown beside the form.
            await LoadAsync(ct);
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = Current!.RowVersion;
            return Page();
        }
        TempData["Message"] = Localizer["The service period was saved."].Value;
        return RedirectToPage("Edit", new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, Id), ct) is not { } period) return false;
        (Organisations, Products, Current, History, Today) = (period.Organisations, period.Products, period.Current, period.History, period.Today);
        Gaps = ContractRules.Gaps(History);
        ProductCode = Products.FirstOrDefault(p => p.Id == period.Current.ProductId)?.Code ?? "";
        Organisation = Organisations.FirstOrDefault(o => o.Id == period.Current.OrganisationId);
        return true;
    }

    /// <summary>Null when the period does not exist (or the user is not staff).</summary>
    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<Period?>;

    /// <summary>The period, every period of its organisation and product (oldest first), today in the vendor's time zone, and the pickers.</summary>
    public sealed record Period(ServicePeriod Current, IReadOnlyList<ServicePeriod> History, DateOnly Today,
        IReadOnlyList<OrganisationInfo> Organisations, IReadOnlyList<ProductOption> Products);

    public sealed record Command(ClaimsPrincipal User, long Id, ContractInput Input) : IRequest<ContractResult>;

    internal sealed class Handler(IDb db, IMediator mediator, ContractWriter writer, VendorDays days)
        : IRequestHandler<Query, Period?>, IRequestHandler<Command, ContractResult>
    {
        public async Task<Period?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            ServicePeriod? current;
            IReadOnlyList<ServicePeriod> history;
            await using (var c = await db.OpenAsync(ct))
            {
                current = await c.QuerySingleOrDefaultAsync<ServicePeriod>($"SELECT {ServicePeriod.Columns} FROM sc_contracts c WHERE c.id = @Id", new { query.Id });
                if (current is null) return null;
                history = await PeriodQueries.ForProductAsync(c, current.OrganisationId, current.ProductId);
            }
            return new Period(current, history, days.Today, await StaffLookups.SortedOrganisationsAsync(mediator, ct), await StaffLookups.ProductsAsync(db, ct));
        }

        public async Task<ContractResult> Handle(Command command, CancellationToken ct) =>
            await StaffContractChecks.RefuseAsync(command.User, command.Input, mediator, ct)
            ?? await writer.UpdateAsync(command.Id, command.Input, ct);
    }
}
