using Dapper;
using MediatR;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Data;
using Portal.Modules.ServiceContracts.Installations;

namespace Portal.Modules.ServiceContracts.Catalog;

internal sealed class ProductInstallationsHandler(IDb db) : IRequestHandler<ListProductInstallations, IReadOnlyList<InstallationInfo>>
{
    public async Task<IReadOnlyList<InstallationInfo>> Handle(ListProductInstallations request, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<InstallationRow>($"""
            {InstallationRow.Select}
            WHERE p.code = @ProductCode AND i.removed_at IS NULL
            ORDER BY i.organisation_id, v.major, v.minor, v.patch, i.id
            """, new { request.ProductCode });
        return [.. rows.Select(r => new InstallationInfo(r.Id, r.OrganisationId, r.ProductCode, new ProductVersion(r.Major, r.Minor, r.Patch), r.Site, r.SerialNumber))];
    }
}
