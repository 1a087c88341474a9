namespace Portal.Modules.ServiceContracts.Renewals;

/// <summary>sc_renewal_requests.state values and how the pages show them.</summary>
public static class RenewalRequestStates
{
    public const string Open = "open";
    public const string Handled = "handled";

    public static readonly IReadOnlyList<string> All = [Open, Handled];

    /// <summary>The filter value from the query string, or null for "all" (anything unknown too).</summary>
    public static string? Parse(string? value) => All.FirstOrDefault(s => string.Equals(s, value, StringComparison.Ordinal));

    public static string Describe(string state) => state == Open ? "Open" : "Handled";

    public static string Badge(string state) => state == Open ? "text-bg-warning" : "text-bg-success";
}

/// <summary>The outcome of a renewal command: done, not found (404), or a localized error key.</summary>
public sealed record RenewalResult(bool Found, string? Error = null, object[]? Args = null, long? Id = null, bool ManagerEmailed = false)
{
    public static readonly RenewalResult NotFound = new(false);

    public bool Succeeded => Found && Error is null;

    public static RenewalResult Invalid(string error, params object[] args) => new(true, error, args);
}
