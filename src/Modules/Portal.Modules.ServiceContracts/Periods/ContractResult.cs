namespace Portal.Modules.ServiceContracts.Periods;

public enum ContractResultStatus
{
    Done,
    Forbidden,
    NotFound,
    Invalid,
}

/// <summary>The outcome of a contract command. <see cref="Error"/> is a localization key (English,
/// with {0}… filled from <see cref="Args"/>) for the form field <see cref="Field"/> ("" = the whole form).</summary>
public sealed record ContractResult(ContractResultStatus Status, long Id = 0, string Field = "", string? Error = null, object[]? Args = null)
{
    public static readonly ContractResult Forbidden = new(ContractResultStatus.Forbidden);

    public static readonly ContractResult NotFound = new(ContractResultStatus.NotFound);

    public static ContractResult Done(long id) => new(ContractResultStatus.Done, id);

    public static ContractResult Invalid(string field, string error, params object[] args) => new(ContractResultStatus.Invalid, 0, field, error, args);

    public bool Succeeded => Status == ContractResultStatus.Done;
}
