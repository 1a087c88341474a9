using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.ServiceContracts;

public sealed class CreateModel(IMediator mediator, IStringLocalizer localizer) : ContractFormPage(localizer)
{
    /// <summary>The latest period of the chosen organisation and product, when there is one (the renewal is proposed from it).</summary>
    public ServicePeriod? Previous { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? org, long? product, CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, org, product), ct) is not { } form) return Forbid();
        (Organisations, Products, Input, Previous) = (form.Organisations, form.Products, form.Proposal, form.Previous);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User, null, null), ct) is not { } form) return Forbid();
        (Organisations, Products) = (form.Organisations, form.Products);
        if (!OrganisationExists() || !ModelState.IsValid) return Page();
        var result = await mediator.Send(new Command(User, Input), ct);
        if (!result.Succeeded) return Failure(result) ?? Page();
        TempData["Message"] = Localizer["The service period was saved."].Value;
        return RedirectToPage("Edit", new { id = result.Id });
    }

    /// <summary>The form; with an organisation and a product, the renewal proposed from their latest period.</summary>
    public sealed record Query(ClaimsPrincipal User, long? OrganisationId, long? ProductId) : IRequest<Form?>;

    public sealed record Form(IReadOnlyList<OrganisationInfo> Organisations, IReadOnlyList<ProductOption> Products, ContractInput Proposal, ServicePeriod? Previous);

    public sealed record Command(ClaimsPrincipal User, ContractInput Input) : IRequest<ContractResult>;

    internal sealed class Handler(IDb db, IMediator mediator, ContractWriter writer) : IRequestHandler<Query, Form?>, IRequestHandler<Command, ContractResult>
    {
        public async Task<Form?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var organisations = await StaffLookups.SortedOrganisationsAsync(mediator, ct);
            var products = await StaffLookups.ProductsAsync(db, ct);
            var input = new ContractInput { OrganisationId = query.OrganisationId, ProductId = query.ProductId };
            if (query.OrganisationId is not { } org || query.ProductId is not { } product) return new Form(organisations, products, input, null);
            IReadOnlyList<ServicePeriod> periods;
            await using (var c = await db.OpenAsync(ct)) periods = await PeriodQueries.ForProductAsync(c, org, product);
            var previous = periods.Where(p => !p.IsCancelled).MaxBy(p => p.EndsOn);
            if (previous is not null)
            {
                // A renewal: it starts the day after the previous period ends and keeps its terms.
                input.Kind = ContractRules.Paid;
                input.StartsOn = ContractRules.RenewalStart(periods);
                input.ServiceLevel = previous.ServiceLevel;
                input.MajorUpgrades = previous.MajorUpgrades;
                input.TrainingsPerYear = previous.TrainingsPerYear;
                input.Months = previous.Months;
            }
            return new Form(organisations, products, input, previous);
        }

        public async Task<ContractResult> Handle(Command command, CancellationToken ct) =>
            await StaffContractChecks.RefuseAsync(command.User, command.Input, mediator, ct)
            ?? await writer.CreateAsync(command.Input, command.User.UserId(), ct);
    }
}
