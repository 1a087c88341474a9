using Dapper;
using MediatR;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Data;
using Portal.Web.Localization;

namespace Portal.Modules.ServiceContracts.Periods;

/// <summary>A product for pickers and lists.</summary>
public sealed class ProductOption
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public bool IsActive { get; set; }

    public string Label => $"{Code} · {PortalCultures.Pick(NameZh, NameEn)}";
}

/// <summary>Organisations (from Accounts, through its contract) and products for the staff pages' handlers.</summary>
internal static class StaffLookups
{
    public static async Task<IReadOnlyDictionary<long, OrganisationInfo>> OrganisationsAsync(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListOrganisations(), ct)).ToDictionary(o => o.Id);

    /// <summary>For the pickers: by name.</summary>
    public static async Task<IReadOnlyList<OrganisationInfo>> SortedOrganisationsAsync(IMediator mediator, CancellationToken ct) =>
        [.. (await mediator.Send(new ListOrganisations(), ct)).OrderBy(o => o.Name, StringComparer.Ordinal)];

    public static async Task<IReadOnlyList<ProductOption>> ProductsAsync(IDb db, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<ProductOption>(
            "SELECT id AS Id, code AS Code, name_zh AS NameZh, name_en AS NameEn, is_active AS IsActive FROM sc_products ORDER BY code")];
    }
}
