using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Notifications.Contracts;

namespace Portal.Modules.Accounts.Invitations;

/// <summary>Registration is by invitation only. The token is emailed once and stored only as its
/// SHA-256 hash; it is valid for 7 days and for one registration.</summary>
public sealed class InvitationService(IDb db, IOutbox outbox, TimeProvider clock, IOptions<PortalOptions> portal)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>Records the invitation and, in the same transaction, the invitation email.
    /// Returns the raw token (for tests; the UI never shows it).</summary>
    public async Task<string> CreateAsync(string email, string displayName, long? organisationId, string role, string language,
        long? invitedBy, CancellationToken ct = default)
    {
        var token = NewToken();
        var now = clock.GetUtcNow();
        await db.WriteAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO acc_invitations (email, display_name, organisation_id, role, language, token_hash, invited_by, created_at, expires_at, last_sent_at)
                VALUES (@email, @displayName, @organisationId, @role, @language, @Hash, @invitedBy, @now, @Expires, @now)
                RETURNING id
                """, new { email, displayName, organisationId, role, language, Hash = Hash(token), invitedBy, now, Expires = now + Lifetime }, tx);
            await EnqueueEmailAsync(c, tx, email, displayName, language, token, $"invitation:{id}");
        }, ct);
        return token;
    }

    /// <summary>Sends a pending or expired invitation again: a new token valid for another
    /// <see cref="Lifetime"/> replaces the old one (whose link stops working), and the email is
    /// recorded in the same transaction. Null when there is no such invitation.</summary>
    public Task<InvitationChange?> ReissueAsync(long id, CancellationToken ct = default) =>
        db.WriteAsync<InvitationChange?>(async (c, tx) =>
        {
            if (await FindAsync(c, tx, id) is not { } invitation) return null;
            var now = clock.GetUtcNow();
            var before = invitation.StateAt(now);
            if (before is InvitationState.Used or InvitationState.Revoked) return new InvitationChange(invitation, before, false);
            var token = NewToken();
            var sent = await c.ExecuteScalarAsync<long?>("""
                UPDATE acc_invitations SET token_hash = @Hash, expires_at = @Expires, last_sent_at = @now, send_count = send_count + 1
                WHERE id = @id AND used_at IS NULL AND revoked_at IS NULL
                RETURNING send_count
                """, new { id, Hash = Hash(token), Expires = now + Lifetime, now }, tx);
            if (sent is not { } count) return new InvitationChange(invitation, InvitationState.Used, false);
            await EnqueueEmailAsync(c, tx, invitation.Email, invitation.DisplayName, invitation.Language, token,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"invitation:{id}:{count}"));
            return new InvitationChange(invitation with { ExpiresAt = now + Lifetime }, before, true, token);
        }, ct);

    /// <summary>Withdraws a pending or expired invitation: its link stops working. Null when there
    /// is no such invitation.</summary>
    public Task<InvitationChange?> RevokeAsync(long id, CancellationToken ct = default) =>
        db.WriteAsync<InvitationChange?>(async (c, tx) =>
        {
            if (await FindAsync(c, tx, id) is not { } invitation) return null;
            var now = clock.GetUtcNow();
            var before = invitation.StateAt(now);
            if (before is InvitationState.Used or InvitationState.Revoked) return new InvitationChange(invitation, before, false);
            var revoked = await c.ExecuteAsync(
                "UPDATE acc_invitations SET revoked_at = @now WHERE id = @id AND used_at IS NULL AND revoked_at IS NULL",
                new { id, now }, tx);
            return revoked == 1
                ? new InvitationChange(invitation with { RevokedAt = now }, before, true)
                : new InvitationChange(invitation, InvitationState.Used, false);
        }, ct);

    /// <summary>Whether an unused, unrevoked, unexpired invitation to this address exists.</summary>
    public async Task<bool> HasPendingAsync(string email, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM acc_invitations
            WHERE lower(email) = lower(@email) AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @Now
            """, new { email, Now = clock.GetUtcNow() }) > 0;
    }

    /// <summary>The invitation for a token, if it exists, is unused, not withdrawn and has not expired.</summary>
    public async Task<Invitation?> FindValidAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return null;
        await using var c = await db.OpenAsync(ct);
        var invitation = await c.QuerySingleOrDefaultAsync<Invitation>(Select + " WHERE token_hash = @Hash", new { Hash = Hash(token) });
        return invitation?.StateAt(clock.GetUtcNow()) == InvitationState.Pending ? invitation : null;
    }

    /// <summary>Marks the invitation used; false when another registration used it first.</summary>
    public Task<bool> MarkUsedAsync(long id, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await FindAsync(c, tx, id) is { } invitation && await MarkUsedAsync(c, tx, invitation, clock.GetUtcNow()), ct);

    /// <summary>The same, inside the caller's transaction, so that a registration and the use of
    /// its invitation commit or roll back together.</summary>
    internal static async Task<bool> MarkUsedAsync(DbConnection c, DbTransaction tx, Invitation invitation, DateTimeOffset now) =>
        await c.ExecuteAsync("""
            UPDATE acc_invitations SET used_at = @now
            WHERE id = @Id AND token_hash = @TokenHash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @now
            """, new { invitation.Id, invitation.TokenHash, now }, tx) == 1;

    internal const string Select = """
        SELECT id AS Id, email AS Email, display_name AS DisplayName, organisation_id AS OrganisationId, role AS Role,
               language AS Language, expires_at AS ExpiresAt, used_at AS UsedAt, revoked_at AS RevokedAt,
               token_hash AS TokenHash
        FROM acc_invitations
        """;

    private static Task<Invitation?> FindAsync(DbConnection c, DbTransaction tx, long id) =>
        c.QuerySingleOrDefaultAsync<Invitation>(Select + " WHERE id = @id", new { id }, tx);

    private Task EnqueueEmailAsync(DbConnection c, DbTransaction tx, string email, string displayName, string language, string token, string dedupKey)
    {
        var link = $"{portal.Value.BaseUrl.TrimEnd('/')}/Account/Register?token={token}";
        return outbox.EnqueueAsync(c, tx, new EmailRequested(email, "accounts.invitation", language,
            new Dictionary<string, string> { ["name"] = displayName, ["link"] = link, ["days"] = Lifetime.Days.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            dedupKey), dedupKey);
    }

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static string Hash(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}
