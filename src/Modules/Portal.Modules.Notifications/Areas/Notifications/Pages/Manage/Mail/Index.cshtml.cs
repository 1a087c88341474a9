using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Notifications.Delivery;

namespace Portal.Modules.Notifications.Areas.Notifications.Pages.Manage.Mail;

/// <summary>Outgoing mail: the emails the portal sent or tried to send, newest first.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Result Data { get; private set; } = Result.Empty;

    public async Task OnGetAsync(CancellationToken ct) => Data = await mediator.Send(new Query(State, PageNumber), ct);

    public sealed record Query(string? State, int PageNumber) : IRequest<Result>;

    /// <summary><see cref="State"/> is null for "all states"; <see cref="PageNumber"/> is within 1..PageCount.</summary>
    public sealed record Result(IReadOnlyList<MessageRow> Messages, string? State, int PageNumber, int PageCount, int Total)
    {
        public static readonly Result Empty = new([], null, 1, 1, 0);
    }

    public sealed class MessageRow
    {
        public long Id { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public string ToAddress { get; set; } = "";
        public string Template { get; set; } = "";
        public string Language { get; set; } = "";
        public string? Subject { get; set; }
        public string State { get; set; } = "";
        public long Attempts { get; set; }
        public string? LastError { get; set; }
        public DateTimeOffset? SentAt { get; set; }
    }

    internal sealed class Handler(IDb db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            // The state reaches SQL only as a parameter, and only when it is one of the known states.
            var state = MessageStates.All.FirstOrDefault(s => s == request.State);
            var where = state is null ? "" : "WHERE state = @state";
            await using var c = await db.OpenAsync(cancellationToken);
            var total = await c.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM nt_messages {where}", new { state });
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(request.PageNumber, 1, pageCount);
            var rows = await c.QueryAsync<MessageRow>($"""
                SELECT id AS Id, created_at AS CreatedAt, to_address AS ToAddress, template AS Template, language AS Language,
                       subject AS Subject, state AS State, attempts AS Attempts, last_error AS LastError, sent_at AS SentAt
                FROM nt_messages {where}
                ORDER BY created_at DESC, id DESC
                LIMIT @Take OFFSET @Skip
                """, new { state, Take = PageSize, Skip = (page - 1) * PageSize });
            return new Result(rows.ToList(), state, page, pageCount, total);
        }
    }
}
