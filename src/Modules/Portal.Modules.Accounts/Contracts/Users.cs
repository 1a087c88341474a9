using MediatR;

namespace Portal.Modules.Accounts.Contracts;

/// <summary>Whether the user is an administrator of the organisation (acc_users.is_org_admin) and
/// still a member of it: such a user sees the organisation's records, not only their own.</summary>
public sealed record IsOrganisationAdministrator(long UserId, long OrganisationId) : IRequest<bool>;

/// <summary>A staff or admin user, e.g. someone work can be assigned to.</summary>
public sealed record StaffUser(long UserId, string Email, string DisplayName, string Language, bool IsAdmin = false);

/// <summary>Every staff and admin user who is not locked by an administrator, by name.</summary>
public sealed record ListStaffUsers : IRequest<IReadOnlyList<StaffUser>>;
