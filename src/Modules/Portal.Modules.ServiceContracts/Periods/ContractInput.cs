using System.ComponentModel.DataAnnotations;

namespace Portal.Modules.ServiceContracts.Periods;

/// <summary>The fields of the create and edit forms (and of a demo contract once its dates are resolved).</summary>
public sealed class ContractInput
{
    [Required(ErrorMessage = "Choose the organisation.")]
    public long? OrganisationId { get; set; }

    [Required(ErrorMessage = "Choose the product.")]
    public long? ProductId { get; set; }

    [Required(ErrorMessage = "Choose the kind of period.")]
    [RegularExpression("^(free|paid)$", ErrorMessage = "Choose the kind of period.")]
    public string Kind { get; set; } = ContractRules.Free;

    [Required(ErrorMessage = "Choose the service level.")]
    [RegularExpression("^(standard|premium)$", ErrorMessage = "Choose the service level.")]
    public string ServiceLevel { get; set; } = ContractRules.Standard;

    [Required(ErrorMessage = "Enter the first day of the period.")]
    public DateOnly? StartsOn { get; set; }

    [Range(1, ContractRules.MaxMonths, ErrorMessage = "The length must be between {1} and {2} months.")]
    public int Months { get; set; } = ContractRules.DefaultMonths;

    public bool MajorUpgrades { get; set; }

    [Range(0, 100, ErrorMessage = "Trainings per contract year must be between {1} and {2}.")]
    public int TrainingsPerYear { get; set; } = ContractRules.DefaultTrainingsPerYear;

    [StringLength(64, ErrorMessage = "The reference number can be at most 64 characters long.")]
    public string? Reference { get; set; }

    [StringLength(2000, ErrorMessage = "The notes can be at most 2000 characters long.")]
    public string? Notes { get; set; }

    /// <summary>A renewal normally starts the day after the previous period ends; this allows a later start.</summary>
    public bool StartAfterGap { get; set; }

    /// <summary>The row_version the edit form was rendered from (optimistic concurrency).</summary>
    public int RowVersion { get; set; }

    internal string? CleanReference => string.IsNullOrWhiteSpace(Reference) ? null : Reference.Trim();

    internal string? CleanNotes => string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim();
}
