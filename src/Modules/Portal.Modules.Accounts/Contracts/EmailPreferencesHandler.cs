using Dapper;
using MediatR;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Accounts.Contracts;

internal sealed class EmailPreferencesHandler(IDb db) : IRequestHandler<GetEmailPreferences, IReadOnlyDictionary<long, EmailPreferences>>
{
    // Keeps each statement well under SQLite's and PostgreSQL's parameter limits.
    private const int Chunk = 500;

    private sealed class Row
    {
        public long Id { get; set; }
        public bool EmailRequests { get; set; }
        public bool EmailBulletin { get; set; }
        public bool EmailSurveys { get; set; }
    }

    public async Task<IReadOnlyDictionary<long, EmailPreferences>> Handle(GetEmailPreferences request, CancellationToken ct)
    {
        var found = new Dictionary<long, EmailPreferences>();
        if (request.UserIds.Count == 0) return found;
        await using var c = await db.OpenAsync(ct);
        foreach (var ids in request.UserIds.Distinct().Chunk(Chunk))
        {
            // Named parameters, one per id: the same SQL on both engines (Dapper would pass a list to Npgsql as one array).
            var args = new DynamicParameters();
            for (var i = 0; i < ids.Length; i++) args.Add($"id{i}", ids[i]);
            var list = string.Join(", ", Enumerable.Range(0, ids.Length).Select(i => $"@id{i}"));
            var rows = await c.QueryAsync<Row>(
                $"SELECT id AS Id, email_requests AS EmailRequests, email_bulletin AS EmailBulletin, email_surveys AS EmailSurveys FROM acc_users WHERE id IN ({list})", args);
            foreach (var r in rows) found[r.Id] = new EmailPreferences(r.EmailRequests, r.EmailBulletin, r.EmailSurveys);
        }
        return found;
    }
}
