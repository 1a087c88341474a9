using Portal.Modules.ServiceContracts.Renewals;
using Portal.Web.Localization;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.RenewalRequests;

/// <summary>A renewal request as staff see it.</summary>
public sealed class RenewalRequestRow
{
    /// <summary>Columns for a query over sc_renewal_requests r JOIN sc_products p ON p.id = r.product_id.</summary>
    internal const string Columns = """
        r.id AS Id, r.organisation_id AS OrganisationId, p.name_zh AS ProductNameZh, p.name_en AS ProductNameEn,
        r.requested_by_name AS RequestedByName, r.requested_by_email AS RequestedByEmail, r.message AS Message,
        r.account_manager_email AS AccountManagerEmail, r.state AS State, r.created_at AS CreatedAt,
        r.handled_by_name AS HandledByName, r.handled_at AS HandledAt, r.staff_note AS StaffNote
        """;

    public long Id { get; set; }
    public long OrganisationId { get; set; }
    public string OrganisationName { get; set; } = "";
    public string ProductNameZh { get; set; } = "";
    public string ProductNameEn { get; set; } = "";
    public string RequestedByName { get; set; } = "";
    public string RequestedByEmail { get; set; } = "";
    public string? Message { get; set; }
    public string? AccountManagerEmail { get; set; }
    public string State { get; set; } = RenewalRequestStates.Open;
    public DateTimeOffset CreatedAt { get; set; }
    public string? HandledByName { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public string? StaffNote { get; set; }

    public string ProductName => PortalCultures.Pick(ProductNameZh, ProductNameEn);

    public bool IsOpen => State == RenewalRequestStates.Open;
}
