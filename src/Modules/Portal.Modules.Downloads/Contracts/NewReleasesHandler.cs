using System.Globalization;
using Dapper;
using MediatR;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Downloads.Contracts;

internal sealed class NewReleasesHandler(IDb db) : IRequestHandler<ListNewReleases, IReadOnlyList<NewRelease>>
{
    private sealed class Row
    {
        public long Id { get; set; }
        public string ProductCode { get; set; } = "";
        public int Major { get; set; }
        public int Minor { get; set; }
        public int Patch { get; set; }
        public string Kind { get; set; } = "";
        public string TitleZh { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public DateTimeOffset PublishedAt { get; set; }
    }

    public async Task<IReadOnlyList<NewRelease>> Handle(ListNewReleases request, CancellationToken ct)
    {
        if (request.ProductCodes.Count == 0) return [];
        var products = request.ProductCodes.ToHashSet(StringComparer.Ordinal);
        await using var c = await db.OpenAsync(ct);
        // A month's releases are few: filter the products here rather than send a long IN list.
        var rows = await c.QueryAsync<Row>("""
            SELECT id AS Id, product_code AS ProductCode, major AS Major, minor AS Minor, patch AS Patch, kind AS Kind,
                title_zh AS TitleZh, title_en AS TitleEn, published_at AS PublishedAt
            FROM dl_releases
            WHERE status = 'published' AND published_at >= @From AND published_at < @To
            ORDER BY published_at, id
            """, new { request.From, request.To });
        return [.. rows.Where(r => products.Contains(r.ProductCode)).Select(r => new NewRelease(r.Id, r.ProductCode,
            string.Create(CultureInfo.InvariantCulture, $"{r.Major}.{r.Minor}.{r.Patch}"), r.Kind, r.TitleZh, r.TitleEn, r.PublishedAt))];
    }
}
