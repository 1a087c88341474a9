using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.ServiceContracts.Renewals;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Core.Security;
using Portal.Modules.Notifications.Contracts;
using Portal.Web.Formatting;
using Portal.Web.Localization;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.MyService;

/// <summary>A customer asks to renew the service for one of their organisation's products. The
/// request is recorded for staff (one open request per organisation and product) and emailed to
/// the organisation's account manager, when it has one.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class RequestRenewalModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public const int MessageLength = 2000;

    [BindProperty(SupportsGet = true)]
    public long ProductId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ProductView? Product { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Message (optional)")]
        [StringLength(MessageLength, ErrorMessage = "Keep the message under {1} characters.")]
        public string? Message { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Product = await mediator.Send(new Query(User, ProductId), ct);
        return Product is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Product = await mediator.Send(new Query(User, ProductId), ct);
        if (Product is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await mediator.Send(new Command(User, ProductId, Input.Message), ct);
        if (!result.Found) return NotFound();
        if (result.Error is not null)
        {
            ModelState.AddModelError("", localizer[result.Error, result.Args ?? []]);
            return Page();
        }
        TempData["Message"] = (result.ManagerEmailed
            ? localizer["Your renewal request for {0} has been sent to your account manager, who will contact you.", Product.Name]
            : localizer["Your renewal request for {0} has been recorded; our staff will contact you.", Product.Name]).Value;
        return RedirectToPage("Index");
    }

    public sealed class ProductView
    {
        public long Id { get; set; }
        public string NameZh { get; set; } = "";
        public string NameEn { get; set; } = "";
        public DateTimeOffset? OpenRequestAt { get; set; }

        public string Name => PortalCultures.Pick(NameZh, NameEn);
    }

    /// <summary>The product, when the user's organisation has (or had) a service period or an
    /// installation for it; null otherwise, so another organisation's product is a 404.</summary>
    public sealed record Query(ClaimsPrincipal User, long ProductId) : IRequest<ProductView?>;

    internal sealed class QueryHandler(IDb db) : IRequestHandler<Query, ProductView?>
    {
        public async Task<ProductView?> Handle(Query query, CancellationToken ct)
        {
            if (query.User.OrganisationId() is not { } organisation) return null;
            await using var c = await db.OpenAsync(ct);
            return await RenewalProducts.FindAsync(c, null, organisation, query.ProductId);
        }
    }

    public sealed record Command(ClaimsPrincipal User, long ProductId, string? Message) : IRequest<RenewalResult>;

    internal sealed class CommandHandler(IDb db, IOutbox outbox, IMediator mediator, TimeProvider clock, IOptions<PortalOptions> portal)
        : IRequestHandler<Command, RenewalResult>
    {
        public const string Template = "contracts.renewal-request";

        public async Task<RenewalResult> Handle(Command command, CancellationToken ct)
        {
            if (command.User.OrganisationId() is not { } organisationId || command.User.UserId() is not { } userId) return RenewalResult.NotFound;
            var organisation = await mediator.Send(new GetOrganisation(organisationId), ct);
            if (organisation is null) return RenewalResult.NotFound;
            var manager = string.IsNullOrWhiteSpace(organisation.AccountManagerEmail) ? null : organisation.AccountManagerEmail.Trim();
            var message = string.IsNullOrWhiteSpace(command.Message) ? null : command.Message.Trim();
            var name = command.User.FindFirstValue(PortalClaims.DisplayName) ?? "";
            var email = command.User.FindFirstValue(ClaimTypes.Email) ?? "";

            return await db.WriteAsync(async (c, tx) =>
            {
                var product = await RenewalProducts.FindAsync(c, tx, organisationId, command.ProductId);
                if (product is null) return RenewalResult.NotFound;
                if (product.OpenRequestAt is { } since) return Duplicate(product, since);
                var id = await c.ExecuteScalarAsync<long?>("""
                    INSERT INTO sc_renewal_requests (organisation_id, product_id, user_id, requested_by_name, requested_by_email,
                        message, account_manager_email, state, created_at)
                    VALUES (@OrganisationId, @ProductId, @UserId, @Name, @Email, @Message, @Manager, @Open, @Now)
                    ON CONFLICT DO NOTHING
                    RETURNING id
                    """, new
                {
                    OrganisationId = organisationId, command.ProductId, UserId = userId, Name = name, Email = email, Message = message,
                    Manager = manager, Open = RenewalRequestStates.Open, Now = clock.GetUtcNow(),
                }, tx);
                // Another request for the same product committed between the check and the insert.
                if (id is null) return Duplicate(product, clock.GetUtcNow());
                if (manager is not null)
                {
                    var period = await RenewalProducts.LastPeriodAsync(c, tx, organisationId, command.ProductId);
                    var values = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["organisation"] = organisation.Name,
                        ["product"] = $"{product.NameZh} ({product.NameEn})",
                        ["requester"] = name.Length > 0 ? name : email,
                        ["requester_email"] = email.Length > 0 ? email : "—",
                        ["period"] = period ?? "—",
                        ["message"] = message ?? "—",
                        ["link"] = portal.Value.BaseUrl.TrimEnd('/') + "/Contracts/Manage/RenewalRequests",
                    };
                    var dedupKey = string.Create(CultureInfo.InvariantCulture, $"contracts.renewal-request:{id}");
                    await outbox.EnqueueAsync(c, tx, new EmailRequested(manager, Template, PortalCultures.Chinese, values, dedupKey), dedupKey);
                }
                return new RenewalResult(true, Id: id, ManagerEmailed: manager is not null);
            }, ct);
        }

        private RenewalResult Duplicate(ProductView product, DateTimeOffset since) => RenewalResult.Invalid(
            "A renewal request for {0} is already open (sent on {1}); your account manager will contact you. You can send another once it has been handled.",
            PortalCultures.Pick(product.NameZh, product.NameEn),
            DisplayTime.Date(ContractRules.DayOf(since, portal.Value.VendorTimeZone)));
    }
}
