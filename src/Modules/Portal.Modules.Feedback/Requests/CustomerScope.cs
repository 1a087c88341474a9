using System.Security.Claims;
using MediatR;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Feedback.Requests;

/// <summary>Which requests a signed-in customer may see: an ordinary contact their own, an
/// organisation administrator every request of the organisation. The organisation always comes
/// from the sign-in.</summary>
public sealed record CustomerScope(long OrganisationId, long UserId, bool OrganisationAdmin)
{
    /// <summary>The scope of <paramref name="user"/>, or null when the user is not a customer contact.</summary>
    public static async Task<CustomerScope?> OfAsync(ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        if (user.OrganisationId() is not { } organisation || user.UserId() is not { } id) return null;
        return new CustomerScope(organisation, id, await mediator.Send(new IsOrganisationAdministrator(id, organisation), ct));
    }

    public bool Sees(RequestRow request) =>
        request.OrganisationId == OrganisationId && (OrganisationAdmin || request.CreatedBy == UserId);
}
