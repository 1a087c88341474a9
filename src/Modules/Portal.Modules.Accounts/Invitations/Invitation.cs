namespace Portal.Modules.Accounts.Invitations;

public sealed record Invitation
{
    public long Id { get; init; }
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public long? OrganisationId { get; init; }
    public string Role { get; init; } = "";
    public string Language { get; init; } = "zh-CN";
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The hash of the token this invitation was found by: a registration uses the
    /// invitation only while that token is still its current one (not replaced by a resend).</summary>
    internal string TokenHash { get; init; } = "";

    public InvitationState StateAt(DateTimeOffset now) => StateOf(UsedAt, RevokedAt, ExpiresAt, now);

    /// <summary>Used wins over revoked (a used invitation cannot be revoked; this only orders the checks).</summary>
    public static InvitationState StateOf(DateTimeOffset? usedAt, DateTimeOffset? revokedAt, DateTimeOffset expiresAt, DateTimeOffset now) =>
        usedAt is not null ? InvitationState.Used
        : revokedAt is not null ? InvitationState.Revoked
        : expiresAt > now ? InvitationState.Pending
        : InvitationState.Expired;
}

public enum InvitationState
{
    Pending,
    Expired,
    Used,
    Revoked,
}

/// <summary>The outcome of a resend or revoke: <see cref="Changed"/> is false when the invitation
/// was already used or revoked (<see cref="Before"/> says which). <see cref="Token"/> is the new
/// raw token after a resend (for tests; the UI never shows it).</summary>
public sealed record InvitationChange(Invitation Invitation, InvitationState Before, bool Changed, string? Token = null);
