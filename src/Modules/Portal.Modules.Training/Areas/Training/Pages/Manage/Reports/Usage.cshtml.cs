using Portal.Web.Export;
using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Reports;
using Portal.Web.Paging;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage.Reports;

/// <summary>Staff: how many of their free trainings the organisations used, per contract year
/// (ServiceContracts' <c>ListTrainingYearUses</c>), for the contract years starting in one calendar year.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class UsageModel(IMediator mediator, IStringLocalizer localizer, IOptions<PortalOptions> portal, TimeProvider clock) : PageModel
{
    public int Year { get; private set; }
    public string Sort { get; private set; } = "organisation";
    public PagedList<OrganisationTrainingUse> Rows { get; private set; } = PagedList<OrganisationTrainingUse>.Empty;

    public async Task<IActionResult> OnGetAsync(int? year, string? sort, int? p, CancellationToken ct)
    {
        if (await LoadAsync(year, sort, ct) is not { } rows) return Forbid();
        var page = Math.Clamp(p ?? 1, 1, PagedList<OrganisationTrainingUse>.MaxPage);
        var size = PagedList<OrganisationTrainingUse>.DefaultPageSize;
        Rows = new PagedList<OrganisationTrainingUse>([.. rows.Skip((page - 1) * size).Take(size)], page, size, rows.Count);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(int? year, string? sort, CancellationToken ct)
    {
        if (await LoadAsync(year, sort, ct) is not { } rows) return Forbid();
        var csv = CsvFile.Write(
            [localizer["Organisation"], localizer["Code"], localizer["Product"], localizer["Contract year starts"], localizer["Contract year ends"],
                localizer["Free trainings"], localizer["Used"], localizer["Left"]],
            rows.Select(r => (IReadOnlyList<string>)[
                r.OrganisationName, r.OrganisationCode, r.ProductCode, Day(r.YearStart), Day(r.YearEnd),
                Number(r.Allowed), Number(r.Used), Number(r.Left)]));
        return File(csv, CsvFile.ContentType, string.Create(CultureInfo.InvariantCulture, $"free-trainings-{Year}.csv"));
    }

    private async Task<IReadOnlyList<OrganisationTrainingUse>?> LoadAsync(int? year, string? sort, CancellationToken ct)
    {
        Year = year is >= 2000 and <= 2100 ? year.Value : TimeZoneInfo.ConvertTime(clock.GetUtcNow(), portal.Value.VendorTimeZone).Year;
        var result = await mediator.Send(new Query(User, Year, sort), ct);
        if (result is null) return null;
        Sort = result.Sort;
        return result.Rows;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    public sealed record Query(ClaimsPrincipal User, int Year, string? Sort) : IRequest<Result?>;

    public sealed record Result(IReadOnlyList<OrganisationTrainingUse> Rows, string Sort);

    internal sealed class Handler(TrainingReports reports) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var sort = TrainingReports.UseSorts.Contains(query.Sort) ? query.Sort! : "organisation";
            return new Result(await reports.UsesAsync(query.Year, sort, ct), sort);
        }
    }
}
