using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.ServiceContracts;

public sealed class CreateModel(IMediator mediator, IDb db, IStringLocalizer localizer, ContractWriter writer)
    : ContractFormPage(mediator, db, localizer)
{
    /// <summary>The latest period of the chosen organisation and product, when there is one (the renewal is proposed from it).</summary>
    public ServicePeriod? Previous { get; private set; }

    public async Task OnGetAsync(long? org, long? product, CancellationToken ct)
    {
        await LoadPickersAsync(ct);
        Input = new ContractInput { OrganisationId = org, ProductId = product };
        if (org is null || product is null) return;
        await using var c = await Db.OpenAsync(ct);
        var periods = await PeriodQueries.ForProductAsync(c, org.Value, product.Value);
        Previous = periods.Where(p => !p.IsCancelled).MaxBy(p => p.EndsOn);
        if (Previous is null) return;
        // A renewal: it starts the day after the previous period ends and keeps its terms.
        Input.Kind = ContractRules.Paid;
        Input.StartsOn = ContractRules.RenewalStart(periods);
        Input.ServiceLevel = Previous.ServiceLevel;
        Input.MajorUpgrades = Previous.MajorUpgrades;
        Input.TrainingsPerYear = Previous.TrainingsPerYear;
        Input.Months = Previous.Months;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadPickersAsync(ct);
        if (!await OrganisationExistsAsync(ct) || !ModelState.IsValid) return Page();
        var result = await writer.CreateAsync(Input, User.UserId(), ct);
        if (!result.Succeeded) return Failure(result) ?? Page();
        TempData["Message"] = Localizer["The service period was saved."].Value;
        return RedirectToPage("Edit", new { id = result.Id });
    }
}
