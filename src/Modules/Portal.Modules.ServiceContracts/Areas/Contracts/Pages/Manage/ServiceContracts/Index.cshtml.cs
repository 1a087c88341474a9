using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.ServiceContracts.Entitlements;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Web.Export;
using Portal.Web.Formatting;
using Portal.Web.Paging;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.ServiceContracts;

[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    /// <summary>"", covered, upcoming, active, expiring, expired, cancelled.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>With expiring: ends within this many days (today included; default 60). With expired: ended within the last this many days.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Days { get; set; }

    [BindProperty(SupportsGet = true, Name = "org")]
    public long? OrganisationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Product { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<ContractRow> Result { get; private set; } = new([], 1, PagedList<ContractRow>.DefaultPageSize, 0);

    public IReadOnlyList<ProductOption> Products { get; private set; } = [];

    public IReadOnlyList<Accounts.Contracts.OrganisationInfo> Organisations { get; private set; } = [];

    public string CurrentSort => Handler.Orders.ContainsKey(Sort ?? "") ? Sort! : Handler.DefaultSort;

    public string SortLink(string column) => CurrentSort == column ? "-" + column : column;

    private Query ToQuery(bool all) => new(User, Status, Days, OrganisationId, Product, Sort, PageNumber, all);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(ToQuery(all: false), ct) is not { } listing) return Forbid();
        (Result, Products, Organisations) = (listing.Rows, listing.Products, listing.Organisations);
        return Page();
    }

    /// <summary>The filtered list (every page) as CSV: UTF-8 with a BOM so Excel reads Chinese,
    /// cells that a spreadsheet would run as a formula prefixed with an apostrophe.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await mediator.Send(ToQuery(all: true), ct) is not { } listing) return Forbid();
        string[] header = ["Organisation code", "Organisation", "Product", "Kind", "Service level", "First day", "Last day", "Months",
            "Major upgrades", "Trainings per year", "Status", "Days left", "Reference number", "Notes"];
        var csv = CsvFile.Write([.. header.Select(h => localizer[h].Value)], listing.Rows.Items.Select(r => (IReadOnlyList<string>)
        [
            r.OrganisationCode, r.OrganisationName, r.ProductCode, localizer[ContractWords.Kind(r.Period.Kind)], localizer[ContractWords.Level(r.Period.ServiceLevel)],
            DisplayTime.Date(r.Period.StartsOn), DisplayTime.Date(r.Period.EndsOn), r.Period.Months.ToString(CultureInfo.InvariantCulture),
            localizer[r.Period.MajorUpgrades ? "Yes" : "No"], r.Period.TrainingsPerYear.ToString(CultureInfo.InvariantCulture),
            localizer[ContractWords.Status(r.Status)], r.DaysLeft.ToString(CultureInfo.InvariantCulture), r.Period.Reference ?? "", r.Period.Notes ?? "",
        ]));
        var name = string.Create(CultureInfo.InvariantCulture, $"service-contracts-{DateTime.UtcNow:yyyyMMdd}.csv");
        return File(csv, CsvFile.ContentType, name);
    }

    /// <summary>Null when the user is not staff.</summary>
    public sealed record Query(ClaimsPrincipal User, string? Status, int? Days, long? OrganisationId, long? ProductId, string? Sort, int Page, bool All)
        : IRequest<Listing?>;

    /// <summary>A page of the list (every row with <see cref="Query.All"/>) and the filters' choices.</summary>
    public sealed record Listing(PagedList<ContractRow> Rows, IReadOnlyList<ProductOption> Products, IReadOnlyList<Accounts.Contracts.OrganisationInfo> Organisations);

    private sealed class ListRow
    {
        public long Id { get; set; }
        public string ProductCode { get; set; } = "";
    }

    internal sealed class Handler(IDb db, IMediator mediator, VendorDays days) : IRequestHandler<Query, Listing?>
    {
        public const string DefaultSort = "ends";
        public const int MaxExport = 50_000;

        // Sorting from the query string only through this allow-list.
        public static readonly IReadOnlyDictionary<string, string> Orders = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ends"] = "c.ends_on, c.id",
            ["-ends"] = "c.ends_on DESC, c.id DESC",
            ["starts"] = "c.starts_on, c.id",
            ["-starts"] = "c.starts_on DESC, c.id DESC",
            ["product"] = "p.code, c.starts_on, c.id",
            ["-product"] = "p.code DESC, c.starts_on DESC, c.id DESC",
            ["created"] = "c.created_at, c.id",
            ["-created"] = "c.created_at DESC, c.id DESC",
        };

        public async Task<Listing?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var today = days.Today;
            var where = new StringBuilder("WHERE 1 = 1");
            var args = new DynamicParameters(new { Today = today });
            const string live = " AND c.cancelled_at IS NULL";
            const string covered = live + " AND c.starts_on <= @Today AND c.ends_on >= @Today";
            var within = Math.Clamp(query.Days ?? ContractRules.ExpiringDays, 1, 3650);
            switch (query.Status)
            {
                case "covered":
                    where.Append(covered);
                    break;
                case "upcoming":
                    where.Append(live + " AND c.starts_on > @Today");
                    break;
                case "active":
                    where.Append(covered + " AND c.ends_on > @LastExpiring");
                    args.Add("LastExpiring", today.AddDays(ContractRules.ExpiringDays - 1));
                    break;
                case "expiring":
                    where.Append(covered + " AND c.ends_on <= @LastExpiring");
                    args.Add("LastExpiring", today.AddDays(within - 1));
                    break;
                case "expired":
                    where.Append(live + " AND c.ends_on < @Today");
                    if (query.Days is not null)
                    {
                        where.Append(" AND c.ends_on >= @EndedSince");
                        args.Add("EndedSince", today.AddDays(-within));
                    }
                    break;
                case "cancelled":
                    where.Append(" AND c.cancelled_at IS NOT NULL");
                    break;
            }
            if (query.OrganisationId is not null)
            {
                where.Append(" AND c.organisation_id = @Org");
                args.Add("Org", query.OrganisationId);
            }
            if (query.ProductId is not null)
            {
                where.Append(" AND c.product_id = @ProductId");
                args.Add("ProductId", query.ProductId);
            }
            var order = Orders.TryGetValue(query.Sort ?? "", out var o) ? o : Orders[DefaultSort];
            var page = query.All ? 1 : PagedList<ContractRow>.Normalize(query.Page);
            var size = query.All ? MaxExport : PagedList<ContractRow>.DefaultPageSize;
            args.Add("Take", size);
            args.Add("Skip", PagedList<ContractRow>.Offset(page, size));

            long total;
            List<(ServicePeriod Period, string ProductCode)> rows;
            await using (var c = await db.OpenAsync(ct))
            {
                total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM sc_contracts c {where}", args);
                rows = (await c.QueryAsync<ServicePeriod, ListRow, (ServicePeriod, string)>($"""
                    SELECT {ServicePeriod.Columns}, c.id AS Id, p.code AS ProductCode
                    FROM sc_contracts c JOIN sc_products p ON p.id = c.product_id
                    {where}
                    ORDER BY {order}
                    LIMIT @Take OFFSET @Skip
                    """, (period, product) => (period, product.ProductCode), args, splitOn: "Id")).ToList();
            }
            var organisations = await StaffLookups.OrganisationsAsync(mediator, ct);
            var items = rows.Select(r =>
            {
                var org = organisations.GetValueOrDefault(r.Period.OrganisationId);
                return new ContractRow
                {
                    Period = r.Period, ProductCode = r.ProductCode,
                    OrganisationCode = org?.Code ?? r.Period.OrganisationId.ToString(CultureInfo.InvariantCulture), OrganisationName = org?.Name ?? "",
                    Status = ContractRules.Status(r.Period, today), DaysLeft = ContractRules.DaysLeft(r.Period.EndsOn, today),
                };
            }).ToList();
            return new Listing(new PagedList<ContractRow>(items, page, size, total), await StaffLookups.ProductsAsync(db, ct),
                [.. organisations.Values.OrderBy(o => o.Name, StringComparer.Ordinal)]);
        }
    }
}
