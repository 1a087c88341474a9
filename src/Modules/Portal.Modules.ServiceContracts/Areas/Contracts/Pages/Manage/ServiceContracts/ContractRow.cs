using Portal.Modules.ServiceContracts.Periods;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.ServiceContracts;

/// <summary>A period as the list and the CSV show it.</summary>
public sealed class ContractRow
{
    public required ServicePeriod Period { get; init; }
    public required string ProductCode { get; init; }
    public required string OrganisationCode { get; init; }
    public required string OrganisationName { get; init; }
    public required ContractStatus Status { get; init; }
    public required int DaysLeft { get; init; }
}

/// <summary>Words for the codes (English: the localization keys).</summary>
public static class ContractWords
{
    public static string Kind(string kind) => kind == ContractRules.Paid ? "Paid service period" : "Free service period";

    public static string Level(string level) => level == ContractRules.Premium ? "Premium (7×24)" : "Standard (5×8)";

    public static string Status(ContractStatus status) => status switch
    {
        ContractStatus.Upcoming => "Upcoming",
        ContractStatus.Active => "Active",
        ContractStatus.Expiring => "Expiring",
        ContractStatus.Expired => "Expired",
        _ => "Cancelled",
    };

    public static string Badge(ContractStatus status) => status switch
    {
        ContractStatus.Upcoming => "text-bg-info",
        ContractStatus.Active => "text-bg-success",
        ContractStatus.Expiring => "text-bg-warning",
        ContractStatus.Expired => "text-bg-danger",
        _ => "text-bg-secondary",
    };
}
