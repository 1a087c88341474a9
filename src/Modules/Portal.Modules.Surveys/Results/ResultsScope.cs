using System.Security.Claims;
using MediatR;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Surveys.Results;

/// <summary>Whose results a user may see: staff everything (any organisation filter); an organisation administrator
/// only their own organisation (taken from the sign-in, never from the request); anyone else nothing.</summary>
internal sealed record ResultsScope(bool Allowed, long? OwnOrganisation)
{
    public static async Task<ResultsScope> OfAsync(IMediator mediator, ClaimsPrincipal user, bool ownOrganisation, CancellationToken ct)
    {
        if (!ownOrganisation) return new ResultsScope(user.IsStaff(), null);
        if (user.UserId() is not { } id || user.OrganisationId() is not { } organisation) return new ResultsScope(false, null);
        return await mediator.Send(new IsOrganisationAdministrator(id, organisation), ct)
            ? new ResultsScope(true, organisation)
            : new ResultsScope(false, null);
    }
}
