using System.Text;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Core.Data;
using Portal.Web.Paging;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Organisations;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>"active", "inactive", or empty for both.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<Row> Result { get; private set; } = new([], 1, PagedList<Row>.DefaultPageSize, 0);

    public string CurrentSort => Handler.Orders.ContainsKey(Sort ?? "") ? Sort! : Handler.DefaultSort;

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await mediator.Send(new Query(Search, Status, Sort, PageNumber), ct);

    /// <summary>The sort key a column header links to: ascending first, descending when already ascending.</summary>
    public string SortLink(string column) => CurrentSort == column ? "-" + column : column;

    public sealed record Query(string? Search, string? Status, string? Sort, int Page) : IRequest<PagedList<Row>>;

    public sealed class Row
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? AccountManagerEmail { get; set; }
        public bool IsActive { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public long UserCount { get; set; }
    }

    internal sealed class Handler(IDb db) : IRequestHandler<Query, PagedList<Row>>
    {
        public const string DefaultSort = "name";

        // Sorting from the query string only through this allow-list.
        public static readonly IReadOnlyDictionary<string, string> Orders = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = "o.name, o.id",
            ["-name"] = "o.name DESC, o.id DESC",
            ["code"] = "o.code, o.id",
            ["-code"] = "o.code DESC, o.id DESC",
            ["created"] = "o.created_at, o.id",
            ["-created"] = "o.created_at DESC, o.id DESC",
        };

        public async Task<PagedList<Row>> Handle(Query query, CancellationToken ct)
        {
            var where = new StringBuilder("WHERE 1 = 1");
            var args = new DynamicParameters();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                where.Append(" AND (lower(o.name) LIKE @Pattern" + SqlLike.Escape + " OR lower(o.code) LIKE @Pattern" + SqlLike.Escape + ")");
                args.Add("Pattern", SqlLike.Contains(query.Search));
            }
            if (query.Status is "active" or "inactive")
            {
                where.Append(" AND o.is_active = @Active");
                args.Add("Active", query.Status == "active");
            }
            var order = Orders.TryGetValue(query.Sort ?? "", out var o) ? o : Orders[DefaultSort];
            var page = PagedList<Row>.Normalize(query.Page);
            args.Add("Take", PagedList<Row>.DefaultPageSize);
            args.Add("Skip", PagedList<Row>.Offset(page, PagedList<Row>.DefaultPageSize));

            await using var c = await db.OpenAsync(ct);
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM acc_organisations o {where}", args);
            var rows = await c.QueryAsync<Row>($"""
                SELECT o.id AS Id, o.code AS Code, o.name AS Name, o.account_manager_email AS AccountManagerEmail,
                       o.is_active AS IsActive, o.created_at AS CreatedAt,
                       (SELECT COUNT(*) FROM acc_users u WHERE u.organisation_id = o.id) AS UserCount
                FROM acc_organisations o
                {where}
                ORDER BY {order}
                LIMIT @Take OFFSET @Skip
                """, args);
            return new PagedList<Row>(rows.ToList(), page, PagedList<Row>.DefaultPageSize, total);
        }
    }
}
