using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Entitlements;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.ServiceContracts;

public sealed class EditModel(IMediator mediator, IDb db, IStringLocalizer localizer, ContractWriter writer, VendorDays days)
    : ContractFormPage(mediator, db, localizer)
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
        if (!await OrganisationExistsAsync(ct) || !ModelState.IsValid) return Page();
        var result = await writer.UpdateAsync(Id, Input, ct);
        if (!result.Succeeded)
        {
            if (Failure(result) is { } notFound) return notFound;
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
        await LoadPickersAsync(ct);
        Today = days.Today;
        await using var c = await Db.OpenAsync(ct);
        Current = await c.QuerySingleOrDefaultAsync<ServicePeriod>($"SELECT {ServicePeriod.Columns} FROM sc_contracts c WHERE c.id = @Id", new { Id });
        if (Current is null) return false;
        History = await PeriodQueries.ForProductAsync(c, Current.OrganisationId, Current.ProductId);
        Gaps = ContractRules.Gaps(History);
        ProductCode = Products.FirstOrDefault(p => p.Id == Current.ProductId)?.Code ?? "";
        Organisation = Organisations.FirstOrDefault(o => o.Id == Current.OrganisationId);
        return true;
    }
}
