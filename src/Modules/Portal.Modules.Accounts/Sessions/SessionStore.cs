using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Core.Storage;
using Portal.Modules.Core.Text;

namespace Portal.Modules.Accounts.Sessions;

/// <summary>The sign-in cookie's server side (CookieAuthenticationOptions.SessionStore): each sign-in
/// is a row of acc_sessions and the cookie carries only a random key, whose SHA-256 is the row's id.
/// Every request reads the row (from a cache of a few seconds: the database is the truth across
/// nodes), so deleting it ends the session for good. Idle and absolute limits are enforced here.</summary>
public sealed class SessionStore(IDb db, TimeProvider clock, IMemoryCache cache, IDataProtectionProvider protection, IOptionsMonitor<SignInSessionOptions> options,
    StorageAlarm storage)
    : ITicketStore
{
    /// <summary>When the session began, kept in the ticket so that re-issuing the cookie (profile
    /// saved, password changed) keeps the absolute limit counting from the sign-in.</summary>
    private const string CreatedItem = ".portal.session-created";

    private readonly IDataProtector protector = protection.CreateProtector("Portal.Accounts.Sessions");

    private sealed record Entry(string Id, long UserId, AuthenticationTicket Ticket, DateTimeOffset LastSeen, DateTimeOffset IdleExpires, DateTimeOffset Expires);

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public long UserId { get; set; }
        public DateTimeOffset LastSeenAt { get; set; }
        public DateTimeOffset IdleExpiresAt { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }
        public byte[] Ticket { get; set; } = [];
    }

    public static string IdOf(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, default);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var userId = ticket.Principal.UserId() ?? throw new InvalidOperationException("A sign-in ticket without a user id.");
        var now = clock.GetUtcNow();
        var created = ticket.Properties.Items.TryGetValue(CreatedItem, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var c) ? c : now;
        ticket.Properties.Items[CreatedItem] = created.ToString("O", CultureInfo.InvariantCulture);
        var (idle, absolute) = Limits(ticket.Principal);
        var expires = created + absolute;
        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        var id = IdOf(key);
        var userAgent = InvisibleCharacters.Strip(httpContext?.Request.Headers.UserAgent.ToString()).Trim();
        await db.WriteAsync((conn, tx) => conn.ExecuteAsync("""
            INSERT INTO acc_sessions (id, user_id, created_at, last_seen_at, idle_expires_at, expires_at, client_ip, user_agent, two_factor, ticket)
            VALUES (@id, @userId, @created, @now, @IdleExpires, @expires, @Ip, @UserAgent, @TwoFactor, @Ticket)
            """, new
        {
            id, userId, created, now, IdleExpires = Min(now + idle, expires), expires,
            Ip = httpContext?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, 300)],
            TwoFactor = ticket.Principal.HasClaim("amr", "mfa"),
            Ticket = Protect(ticket),
        }, tx), cancellationToken);
        if (httpContext is not null) httpContext.Items[CurrentSession.ItemKey] = id;
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, default);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null!, cancellationToken);

    /// <summary>Sliding expiration re-issues the cookie now and then: the row keeps its key, gets the new ticket.</summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = IdOf(key);
        await db.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE acc_sessions SET ticket = @Ticket WHERE id = @id", new { id, Ticket = Protect(ticket) }, tx),
            cancellationToken);
        cache.Remove(id);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, default);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = IdOf(key);
        var settings = options.CurrentValue;
        if (!cache.TryGetValue(id, out Entry? entry) || entry is null)
        {
            entry = await ReadAsync(id, cancellationToken);
            if (entry is null) return null;
            cache.Set(id, entry, settings.CacheFor);
        }
        var now = clock.GetUtcNow();
        if (now >= entry.Expires || now >= entry.IdleExpires)
        {
            await DeleteAsync([id], cancellationToken);
            return null;
        }
        if (now - entry.LastSeen >= settings.TouchEvery)
        {
            var idleExpires = Min(now + Limits(entry.Ticket.Principal).Idle, entry.Expires);
            int touched;
            try
            {
                // Conditional on the row still being there: a touch never brings back a deleted session.
                touched = await db.WriteAsync((c, tx) => c.ExecuteAsync(
                    "UPDATE acc_sessions SET last_seen_at = @now, idle_expires_at = @idleExpires WHERE id = @id", new { id, now, idleExpires }, tx), cancellationToken);
            }
            catch (Exception ex) when (StorageFull.Is(ex))
            {
                // Reading pages must not depend on a write: the session goes on untouched until there is room.
                storage.Raise(ex, "session last seen");
                touched = -1;
            }
            if (touched == 0)
            {
                cache.Remove(id);
                return null;
            }
            if (touched > 0)
            {
                entry = entry with { LastSeen = now, IdleExpires = idleExpires };
                cache.Set(id, entry, settings.CacheFor);
            }
        }
        if (httpContext is not null) httpContext.Items[CurrentSession.ItemKey] = id;
        return entry.Ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, default);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) => DeleteAsync([IdOf(key)], cancellationToken);

    /// <summary>Ends one of the user's sessions by its id; false when the user has no such session.</summary>
    public async Task<bool> EndAsync(long userId, string id, CancellationToken ct)
    {
        var deleted = await db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM acc_sessions WHERE id = @id AND user_id = @userId", new { id, userId }, tx), ct);
        cache.Remove(id);
        return deleted > 0;
    }

    /// <summary>Ends all of the user's sessions but <paramref name="exceptId"/>; returns how many.
    /// Other nodes notice within <see cref="SignInSessionOptions.CacheFor"/>.</summary>
    public async Task<int> EndAllAsync(long userId, string? exceptId, CancellationToken ct)
    {
        var ids = await db.WriteAsync(async (c, tx) =>
        {
            var found = (await c.QueryAsync<string>("SELECT id FROM acc_sessions WHERE user_id = @userId", new { userId }, tx)).Where(i => i != exceptId).ToList();
            if (found.Count > 0)
                await c.ExecuteAsync("DELETE FROM acc_sessions WHERE user_id = @userId AND id <> @Except", new { userId, Except = exceptId ?? "" }, tx);
            return found;
        }, ct);
        foreach (var id in ids) cache.Remove(id);
        return ids.Count;
    }

    private async Task DeleteAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        await db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM acc_sessions WHERE id = @id", ids.Select(id => new { id }), tx), ct);
        foreach (var id in ids) cache.Remove(id);
    }

    private async Task<Entry?> ReadAsync(string id, CancellationToken ct)
    {
        Row? row;
        await using (var c = await db.OpenAsync(ct))
        {
            row = await c.QuerySingleOrDefaultAsync<Row>("""
                SELECT id AS Id, user_id AS UserId, last_seen_at AS LastSeenAt, idle_expires_at AS IdleExpiresAt, expires_at AS ExpiresAt, ticket AS Ticket
                FROM acc_sessions WHERE id = @id
                """, new { id });
        }
        if (row is null) return null;
        AuthenticationTicket? ticket;
        try
        {
            ticket = TicketSerializer.Default.Deserialize(protector.Unprotect(row.Ticket));
        }
        catch (CryptographicException)
        {
            return null; // the Data Protection key is gone: the session cannot be read back
        }
        return ticket is null ? null : new Entry(row.Id, row.UserId, ticket, row.LastSeenAt, row.IdleExpiresAt, row.ExpiresAt);
    }

    private (TimeSpan Idle, TimeSpan Absolute) Limits(ClaimsPrincipal principal)
    {
        var o = options.CurrentValue;
        return principal.IsStaff() ? (o.StaffIdle, o.StaffAbsolute) : (o.CustomerIdle, o.CustomerAbsolute);
    }

    private byte[] Protect(AuthenticationTicket ticket) => protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
