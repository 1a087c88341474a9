using MediatR;

namespace Portal.Modules.Accounts.Contracts;

/// <summary>A customer organisation as other modules see it.</summary>
public sealed record OrganisationInfo(long Id, string Code, string Name, string? AccountManagerEmail, bool IsActive);

/// <summary>A customer user of an organisation who can receive mail about it.</summary>
public sealed record OrganisationContact(long UserId, string Email, string DisplayName, string Language);

/// <summary>All organisations, ordered by name (for pickers and filters).</summary>
public sealed record ListOrganisations : IRequest<IReadOnlyList<OrganisationInfo>>;

/// <summary>One organisation by id, or null.</summary>
public sealed record GetOrganisation(long Id) : IRequest<OrganisationInfo?>;

/// <summary>One organisation by its code (content import), or null.</summary>
public sealed record FindOrganisationByCode(string Code) : IRequest<OrganisationInfo?>;

/// <summary>The organisation's customer users with a confirmed email who are not locked by an
/// administrator: who receives reminders and notices about the organisation.</summary>
public sealed record ListOrganisationContacts(long OrganisationId) : IRequest<IReadOnlyList<OrganisationContact>>;
