using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Training.Calendars;

/// <summary>The secret in a user's personal feed URL. Looked up by its SHA-256, so a token is found
/// by an index lookup on the hash rather than compared as a string; the readable copy is kept
/// encrypted with the portal's data-protection keys only to show the URL again on "My trainings".
/// Regenerating replaces the row, so the old URL stops working at once.</summary>
public sealed class FeedTokens(IDb db, IDataProtectionProvider protection, TimeProvider clock)
{
    private const int TokenLength = 43; // 32 random bytes, base64url without padding

    private IDataProtector Protector => protection.CreateProtector("Portal.Training.FeedToken");

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> could be a token at all (checked before any lookup).</summary>
    public static bool WellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_');

    /// <summary>The user's current token, or null when they have none (or it can no longer be read).</summary>
    public async Task<string?> CurrentAsync(long userId, CancellationToken ct)
    {
        string? stored;
        await using (var c = await db.OpenAsync(ct))
            stored = await c.ExecuteScalarAsync<string?>("SELECT token_protected FROM tr_feed_tokens WHERE user_id = @userId", new { userId });
        if (stored is null) return null;
        try
        {
            return Protector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>A new token for the user; the previous one no longer finds anything.</summary>
    public async Task<string> RegenerateAsync(long userId, CancellationToken ct)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var args = new { userId, hash = Hash(token), secret = Protector.Protect(token), now = clock.GetUtcNow() };
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO tr_feed_tokens (user_id, token_hash, token_protected, created_at) VALUES (@userId, @hash, @secret, @now)
            ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, token_protected = excluded.token_protected, created_at = excluded.created_at
            """, args, tx), ct);
        return token;
    }

    /// <summary>The user the token belongs to, or null for a malformed, forged or replaced token.</summary>
    public async Task<long?> UserOfAsync(string? token, CancellationToken ct)
    {
        if (!WellFormed(token)) return null;
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>("SELECT user_id FROM tr_feed_tokens WHERE token_hash = @hash", new { hash = Hash(token!) });
    }
}
