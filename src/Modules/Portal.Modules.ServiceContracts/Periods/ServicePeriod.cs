namespace Portal.Modules.ServiceContracts.Periods;

/// <summary>A row of sc_contracts: one service period of an organisation for a product.</summary>
public sealed class ServicePeriod
{
    /// <summary>Columns for a query over sc_contracts c (with p = sc_products for the product code).</summary>
    internal const string Columns = """
        c.id AS Id, c.organisation_id AS OrganisationId, c.product_id AS ProductId, c.kind AS Kind,
        c.service_level AS ServiceLevel, c.starts_on AS StartsOn, c.months AS Months, c.ends_on AS EndsOn,
        c.major_upgrades AS MajorUpgrades, c.trainings_per_year AS TrainingsPerYear, c.reference AS Reference,
        c.notes AS Notes, c.cancelled_at AS CancelledAt, c.cancel_reason AS CancelReason,
        c.created_at AS CreatedAt, c.updated_at AS UpdatedAt, c.row_version AS RowVersion
        """;

    public long Id { get; set; }
    public long OrganisationId { get; set; }
    public long ProductId { get; set; }

    /// <summary><see cref="ContractRules.Free"/> or <see cref="ContractRules.Paid"/>.</summary>
    public string Kind { get; set; } = ContractRules.Free;

    /// <summary>"standard" or "premium".</summary>
    public string ServiceLevel { get; set; } = ContractRules.Standard;

    public DateOnly StartsOn { get; set; }
    public int Months { get; set; }

    /// <summary>The last covered day (inclusive), in the vendor's time zone.</summary>
    public DateOnly EndsOn { get; set; }

    public bool MajorUpgrades { get; set; }
    public int TrainingsPerYear { get; set; }
    public string? Reference { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int RowVersion { get; set; }

    public bool IsCancelled => CancelledAt is not null;

    public bool Covers(DateOnly day) => !IsCancelled && StartsOn <= day && day <= EndsOn;
}
