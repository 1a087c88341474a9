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
}

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
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var link = $"{portal.Value.BaseUrl.TrimEnd('/')}/Account/Register?token={token}";
        await db.WriteAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO acc_invitations (email, display_name, organisation_id, role, language, token_hash, invited_by, created_at, expires_at)
                VALUES (@email, @displayName, @organisationId, @role, @language, @Hash, @invitedBy, @now, @Expires)
                RETURNING id
                """, new { email, displayName, organisationId, role, language, Hash = Hash(token), invitedBy, now, Expires = now + Lifetime }, tx);
            await outbox.EnqueueAsync(c, tx, new EmailRequested(email, "accounts.invitation", language,
                new Dictionary<string, string> { ["name"] = displayName, ["link"] = link, ["days"] = Lifetime.Days.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                $"invitation:{id}"), $"invitation:{id}");
        }, ct);
        return token;
    }

    /// <summary>The invitation for a token, if it exists, is unused and has not expired.</summary>
    public async Task<Invitation?> FindValidAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return null;
        await using var c = await db.OpenAsync(ct);
        var invitation = await c.QuerySingleOrDefaultAsync<Invitation>(Select + " WHERE token_hash = @Hash", new { Hash = Hash(token) });
        return invitation is { UsedAt: null } && invitation.ExpiresAt > clock.GetUtcNow() ? invitation : null;
    }

    /// <summary>Marks the invitation used; false when another registration used it first.</summary>
    public Task<bool> MarkUsedAsync(long id, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => MarkUsedAsync(c, tx, id, clock.GetUtcNow()), ct);

    /// <summary>The same, inside the caller's transaction, so that a registration and the use of
    /// its invitation commit or roll back together.</summary>
    internal static async Task<bool> MarkUsedAsync(DbConnection c, DbTransaction tx, long id, DateTimeOffset now) =>
        await c.ExecuteAsync(
            "UPDATE acc_invitations SET used_at = @now WHERE id = @id AND used_at IS NULL AND expires_at > @now",
            new { id, now }, tx) == 1;

    internal const string Select = """
        SELECT id AS Id, email AS Email, display_name AS DisplayName, organisation_id AS OrganisationId, role AS Role,
               language AS Language, expires_at AS ExpiresAt, used_at AS UsedAt
        FROM acc_invitations
        """;

    internal static string Hash(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}
