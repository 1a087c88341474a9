using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Invitations;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Invitations;

internal static class InvitationErrors
{
    /// <summary>Why a used or withdrawn invitation cannot be sent again or withdrawn.</summary>
    public static CommandResult Closed(InvitationState state) => state == InvitationState.Revoked
        ? CommandResult.Invalid("", "This invitation has been withdrawn.")
        : CommandResult.Invalid("", "This invitation has already been used to register.");
}
