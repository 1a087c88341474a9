using Microsoft.AspNetCore.Http;

namespace Portal.Modules.Accounts.Sessions;

/// <summary>The id (acc_sessions.id) of the session this request was authenticated with, set by
/// <see cref="SessionTicketStore"/>; null for anonymous requests.</summary>
public static class CurrentSession
{
    internal const string ItemKey = "portal.session-id";

    public static string? Id(HttpContext context) => context.Items.TryGetValue(ItemKey, out var id) ? id as string : null;
}
