namespace Portal.Modules.Accounts.Areas.Admin.Pages.Users;

/// <summary>What the shared role and organisation fields show.</summary>
public sealed record RoleFieldsModel(string? Role, long? OrganisationId, IReadOnlyList<OrganisationOption> Organisations,
    string? RoleError, string? OrganisationError);
