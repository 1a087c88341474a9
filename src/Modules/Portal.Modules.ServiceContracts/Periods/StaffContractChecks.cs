using System.Security.Claims;
using MediatR;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Periods;

/// <summary>What the staff create and edit commands check before <see cref="ContractWriter"/>'s
/// rules: the user is staff, and the organisation exists (in Accounts, whose tables this module
/// does not join).</summary>
internal static class StaffContractChecks
{
    public const string UnknownOrganisation = "Choose the organisation.";

    /// <summary>The refusal, or null when the command may go on.</summary>
    public static async Task<ContractResult?> RefuseAsync(ClaimsPrincipal user, ContractInput input, IMediator mediator, CancellationToken ct)
    {
        if (!user.IsStaff()) return ContractResult.Forbidden;
        if (input.OrganisationId is { } id && await mediator.Send(new GetOrganisation(id), ct) is null)
            return ContractResult.Invalid("Input.OrganisationId", UnknownOrganisation);
        return null;
    }
}
