using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.ServiceContracts.Renewals;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.MyService;

/// <summary>"My service" (我的服务): per product the customer's organisation has a service period or
/// an installation for, the current period, days left (a warning from 60 days), what is covered, the
/// history of periods with the gaps between them, and "request renewal". The organisation is always
/// the signed-in user's; coverage comes from the entitlement requests, as every other module sees it.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    /// <summary>Days left from which the page warns that the period is ending.</summary>
    public const int WarningDays = 60;

    public Result? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Data = await mediator.Send(new Query(User), ct);
        return Data is null ? NotFound() : Page();
    }

    public sealed record Result(DateOnly Today, IReadOnlyList<ProductService> Products, TrainingQuotaInfo Trainings);

    public sealed record ProductService(long ProductId, string Code, string Name, Entitlement Entitlement, PeriodView? Current,
        IReadOnlyList<HistoryItem> History, DateOnly? OpenRequestAt)
    {
        /// <summary>The period that continues the current one without a gap, once a renewal is recorded.</summary>
        public PeriodView? Next => Current is null
            ? null
            : History.Select(h => h.Period).FirstOrDefault(p => p is { Cancelled: false } && p.StartsOn == Current.EndsOn.AddDays(1));
    }

    /// <summary>A row of the history: a period, or (when <see cref="Period"/> is null) a gap without service.</summary>
    public sealed record HistoryItem(PeriodView? Period, DateOnly From, DateOnly To)
    {
        public int Days => To.DayNumber - From.DayNumber + 1;
    }

    public sealed class PeriodView
    {
        public long Id { get; set; }
        public long ProductId { get; set; }
        public string Kind { get; set; } = "";
        public string ServiceLevel { get; set; } = "";
        public DateOnly StartsOn { get; set; }
        public DateOnly EndsOn { get; set; }
        public bool MajorUpgrades { get; set; }
        public string? Reference { get; set; }
        public DateTimeOffset? CancelledAt { get; set; }

        public bool Cancelled => CancelledAt is not null;
    }

    public sealed record Query(System.Security.Claims.ClaimsPrincipal User) : IRequest<Result?>;

    internal sealed class Handler(IDb db, IMediator mediator, TimeProvider clock, IOptions<PortalOptions> portal) : IRequestHandler<Query, Result?>
    {
        private sealed class ProductRow
        {
            public long Id { get; set; }
            public string Code { get; set; } = "";
            public string NameZh { get; set; } = "";
            public string NameEn { get; set; } = "";
        }

        private sealed class OpenRequestRow
        {
            public long ProductId { get; set; }
            public DateTimeOffset CreatedAt { get; set; }
        }

        public async Task<Result?> Handle(Query query, CancellationToken ct)
        {
            if (query.User.OrganisationId() is not { } organisationId) return null;
            var now = clock.GetUtcNow();
            var args = new { OrganisationId = organisationId, Open = RenewalRequestStates.Open };
            List<ProductRow> products;
            List<PeriodView> periods;
            List<OpenRequestRow> open;
            await using (var c = await db.OpenAsync(ct))
            {
                products = [.. await c.QueryAsync<ProductRow>("""
                    SELECT p.id AS Id, p.code AS Code, p.name_zh AS NameZh, p.name_en AS NameEn
                    FROM sc_products p
                    WHERE EXISTS (SELECT 1 FROM sc_contracts c WHERE c.organisation_id = @OrganisationId AND c.product_id = p.id)
                       OR EXISTS (SELECT 1 FROM sc_installations i
                                  WHERE i.organisation_id = @OrganisationId AND i.product_id = p.id AND i.removed_at IS NULL)
                    ORDER BY p.code
                    """, args)];
                periods = [.. await c.QueryAsync<PeriodView>("""
                    SELECT id AS Id, product_id AS ProductId, kind AS Kind, service_level AS ServiceLevel, starts_on AS StartsOn,
                           ends_on AS EndsOn, major_upgrades AS MajorUpgrades, reference AS Reference, cancelled_at AS CancelledAt
                    FROM sc_contracts WHERE organisation_id = @OrganisationId
                    ORDER BY starts_on, id
                    """, args)];
                open = [.. await c.QueryAsync<OpenRequestRow>("""
                    SELECT product_id AS ProductId, created_at AS CreatedAt FROM sc_renewal_requests
                    WHERE organisation_id = @OrganisationId AND state = @Open
                    """, args)];
            }

            var services = new List<ProductService>();
            foreach (var product in products)
            {
                var entitlement = await mediator.Send(new GetEntitlement(organisationId, product.Code, now), ct);
                var own = periods.Where(p => p.ProductId == product.Id).ToList();
                services.Add(new ProductService(product.Id, product.Code, Portal.Web.Localization.PortalCultures.Pick(product.NameZh, product.NameEn), entitlement,
                    own.FirstOrDefault(p => p.Id == entitlement.ContractId), History(own),
                    open.Where(o => o.ProductId == product.Id).Select(o => (DateOnly?)ContractRules.DayOf(o.CreatedAt, portal.Value.VendorTimeZone)).FirstOrDefault()));
            }
            var trainings = await mediator.Send(new TrainingQuota(organisationId, now), ct);
            return new Result(ContractRules.DayOf(now, portal.Value.VendorTimeZone), services, trainings);
        }

        /// <summary>Periods newest first, with a gap row wherever service did not continue the day
        /// after a period ended. Cancelled periods are listed but neither open nor close a gap.</summary>
        private static List<HistoryItem> History(List<PeriodView> periods)
        {
            var items = new List<HistoryItem>();
            DateOnly? coveredThrough = null;
            foreach (var period in periods)
            {
                if (!period.Cancelled)
                {
                    if (coveredThrough is { } through && period.StartsOn.DayNumber > through.DayNumber + 1)
                        items.Add(new HistoryItem(null, through.AddDays(1), period.StartsOn.AddDays(-1)));
                    if (coveredThrough is null || period.EndsOn > coveredThrough) coveredThrough = period.EndsOn;
                }
                items.Add(new HistoryItem(period, period.StartsOn, period.EndsOn));
            }
            items.Reverse();
            return items;
        }
    }

    public static string KindName(string kind) => kind == "free" ? "Free service period" : "Paid service period";

    public static string LevelName(string level) => level == "premium" ? "Premium (7×24)" : "Standard (5×8)";

    public static string LevelName(ServiceLevel level) => LevelName(level == ServiceLevel.Premium ? "premium" : "standard");

    /// <summary>Where a period stands today, in words (a localization key).</summary>
    public static string Standing(PeriodView period, long? currentId, DateOnly today) =>
        period.Cancelled ? "Cancelled"
        : period.Id == currentId ? "Current"
        : period.EndsOn < today ? "Ended"
        : period.StartsOn > today ? "Upcoming"
        : "Current";
}
