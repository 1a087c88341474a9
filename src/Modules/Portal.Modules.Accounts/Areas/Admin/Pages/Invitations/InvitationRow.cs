using Portal.Modules.Accounts.Invitations;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Invitations;

/// <summary>An invitation as the admin pages show it, with its organisation and who invited.</summary>
public sealed class InvitationRow
{
    /// <summary>Columns for a query over acc_invitations i LEFT JOIN acc_organisations o ON o.id = i.organisation_id
    /// LEFT JOIN acc_users a ON a.id = i.invited_by.</summary>
    internal const string Columns = """
        i.id AS Id, i.email AS Email, i.display_name AS DisplayName, i.role AS Role, o.name AS OrganisationName,
        a.email AS InvitedBy, COALESCE(i.last_sent_at, i.created_at) AS SentAt, i.expires_at AS ExpiresAt,
        i.used_at AS UsedAt, i.revoked_at AS RevokedAt
        """;

    internal const string From = """
        acc_invitations i
        LEFT JOIN acc_organisations o ON o.id = i.organisation_id
        LEFT JOIN acc_users a ON a.id = i.invited_by
        """;

    public long Id { get; set; }
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    public string? OrganisationName { get; set; }
    public string? InvitedBy { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public InvitationState State { get; set; }

    /// <summary>Only an invitation nobody has used or withdrawn can be sent again or withdrawn.</summary>
    public bool IsOpen => State is InvitationState.Pending or InvitationState.Expired;

    internal InvitationRow WithStateAt(DateTimeOffset now)
    {
        State = Invitation.StateOf(UsedAt, RevokedAt, ExpiresAt, now);
        return this;
    }
}

/// <summary>Invitation states in words (the localization key) and their filter values.</summary>
public static class InvitationStates
{
    public static readonly IReadOnlyList<InvitationState> All =
        [InvitationState.Pending, InvitationState.Expired, InvitationState.Used, InvitationState.Revoked];

    public static string Value(InvitationState state) => state.ToString().ToLowerInvariant();

    public static InvitationState? Parse(string? value) =>
        All.Cast<InvitationState?>().FirstOrDefault(s => string.Equals(Value(s!.Value), value, StringComparison.Ordinal));

    public static string Describe(InvitationState state) => state switch
    {
        InvitationState.Pending => "Pending",
        InvitationState.Expired => "Expired",
        InvitationState.Used => "Used",
        InvitationState.Revoked => "Revoked",
        _ => state.ToString(),
    };

    public static string Badge(InvitationState state) => state switch
    {
        InvitationState.Pending => "text-bg-primary",
        InvitationState.Expired => "text-bg-warning",
        InvitationState.Used => "text-bg-success",
        _ => "text-bg-secondary",
    };

    /// <summary>The SQL condition for one state; @Now is the current instant.</summary>
    internal static string Condition(InvitationState state) => state switch
    {
        InvitationState.Pending => "i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > @Now",
        InvitationState.Expired => "i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at <= @Now",
        InvitationState.Used => "i.used_at IS NOT NULL",
        _ => "i.used_at IS NULL AND i.revoked_at IS NOT NULL",
    };
}
