using Dapper;
using MediatR;
using Portal.Modules.Core.Data;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.ServiceContracts.Periods;

namespace Portal.Modules.ServiceContracts.Entitlements;

/// <summary>Contract years run from a period's start in steps of 12 months (<see cref="ContractRules.ContractYear"/>);
/// the years starting within the calendar year are listed with their counted uses.</summary>
internal sealed class ListTrainingYearUsesHandler(IDb db) : IRequestHandler<ListTrainingYearUses, IReadOnlyList<TrainingYearUse>>
{
    private sealed class PeriodRow
    {
        public long Id { get; set; }
        public long OrganisationId { get; set; }
        public string ProductCode { get; set; } = "";
        public DateOnly StartsOn { get; set; }
        public DateOnly EndsOn { get; set; }
        public int TrainingsPerYear { get; set; }
    }

    private sealed class UseCount
    {
        public long ContractId { get; set; }
        public DateOnly YearStart { get; set; }
        public long Used { get; set; }
    }

    public async Task<IReadOnlyList<TrainingYearUse>> Handle(ListTrainingYearUses request, CancellationToken ct)
    {
        var from = new DateOnly(request.Year, 1, 1);
        var to = new DateOnly(request.Year, 12, 31);
        await using var c = await db.OpenAsync(ct);
        var periods = (await c.QueryAsync<PeriodRow>(
            new CommandDefinition("""
                SELECT c.id AS Id, c.organisation_id AS OrganisationId, p.code AS ProductCode, c.starts_on AS StartsOn, c.ends_on AS EndsOn,
                    c.trainings_per_year AS TrainingsPerYear
                FROM sc_contracts c JOIN sc_products p ON p.id = c.product_id
                WHERE c.cancelled_at IS NULL AND c.starts_on <= @to AND c.ends_on >= @from
                ORDER BY c.organisation_id, c.starts_on, c.id
                """, new { from, to }, cancellationToken: ct))).ToList();
        var uses = (await c.QueryAsync<UseCount>(new CommandDefinition("""
                SELECT contract_id AS ContractId, year_start AS YearStart, COUNT(*) AS Used FROM sc_training_uses
                WHERE released_at IS NULL AND year_start >= @from AND year_start <= @to
                GROUP BY contract_id, year_start
                """, new { from, to }, cancellationToken: ct)))
            .ToDictionary(u => (u.ContractId, u.YearStart), u => (int)u.Used);
        var rows = new List<TrainingYearUse>();
        foreach (var p in periods)
        {
            for (var k = 0; ; k++)
            {
                var start = p.StartsOn.AddMonths(12 * k);
                if (start > p.EndsOn || start > to) break;
                if (start < from) continue;
                var end = p.StartsOn.AddMonths(12 * (k + 1)).AddDays(-1);
                rows.Add(new TrainingYearUse(p.OrganisationId, p.Id, p.ProductCode, start, end < p.EndsOn ? end : p.EndsOn,
                    p.TrainingsPerYear, uses.GetValueOrDefault((p.Id, start))));
            }
        }
        return rows;
    }
}
