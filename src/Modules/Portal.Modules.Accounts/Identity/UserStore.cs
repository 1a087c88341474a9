using System.Data.Common;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Accounts.Identity;

/// <summary>ASP.NET Core Identity's user store over acc_users and acc_user_roles with Dapper.
/// Identity mutates the user object and then calls UpdateAsync, which writes every column
/// and checks the concurrency stamp.</summary>
internal sealed class UserStore(IDb db, TimeProvider clock, IdentityErrorDescriber describe) :
    IUserPasswordStore<PortalUser>, IUserEmailStore<PortalUser>, IUserSecurityStampStore<PortalUser>,
    IUserLockoutStore<PortalUser>, IUserRoleStore<PortalUser>, IUserTwoFactorStore<PortalUser>,
    IUserAuthenticatorKeyStore<PortalUser>, IUserTwoFactorRecoveryCodeStore<PortalUser>, IUserPhoneNumberStore<PortalUser>
{
    internal const string Columns = """
        id AS Id, user_name AS UserName, normalized_user_name AS NormalizedUserName, email AS Email,
        normalized_email AS NormalizedEmail, email_confirmed AS EmailConfirmed, password_hash AS PasswordHash,
        security_stamp AS SecurityStamp, concurrency_stamp AS ConcurrencyStamp, phone_number AS PhoneNumber,
        display_name AS DisplayName, preferred_language AS PreferredLanguage, organisation_id AS OrganisationId,
        lockout_end AS LockoutEnd, lockout_enabled AS LockoutEnabled, access_failed_count AS AccessFailedCount,
        two_factor_enabled AS TwoFactorEnabled, authenticator_key AS AuthenticatorKey, recovery_codes AS RecoveryCodes,
        created_at AS CreatedAt
        """;

    public void Dispose()
    {
    }

    public async Task<IdentityResult> CreateAsync(PortalUser user, CancellationToken ct)
    {
        user.CreatedAt = clock.GetUtcNow();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        try
        {
            user.Id = await db.WriteAsync((c, tx) => InsertAsync(c, tx, user), ct);
            return IdentityResult.Success;
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return IdentityResult.Failed(describe.DuplicateUserName(user.UserName));
        }
    }

    /// <summary>Inserts the user inside the caller's transaction (registration writes the user,
    /// the role and the used invitation together); returns the new id.</summary>
    internal static Task<long> InsertAsync(DbConnection c, DbTransaction tx, PortalUser user) => c.ExecuteScalarAsync<long>("""
        INSERT INTO acc_users (user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash,
            security_stamp, concurrency_stamp, phone_number, display_name, preferred_language, organisation_id,
            lockout_end, lockout_enabled, access_failed_count, two_factor_enabled, authenticator_key, recovery_codes, created_at)
        VALUES (@UserName, @NormalizedUserName, @Email, @NormalizedEmail, @EmailConfirmed, @PasswordHash,
            @SecurityStamp, @ConcurrencyStamp, @PhoneNumber, @DisplayName, @PreferredLanguage, @OrganisationId,
            @LockoutEnd, @LockoutEnabled, @AccessFailedCount, @TwoFactorEnabled, @AuthenticatorKey, @RecoveryCodes, @CreatedAt)
        RETURNING id
        """, user, tx);

    public async Task<IdentityResult> UpdateAsync(PortalUser user, CancellationToken ct)
    {
        var expected = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        var rows = await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE acc_users SET user_name = @UserName, normalized_user_name = @NormalizedUserName, email = @Email,
                normalized_email = @NormalizedEmail, email_confirmed = @EmailConfirmed, password_hash = @PasswordHash,
                security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp, phone_number = @PhoneNumber,
                display_name = @DisplayName, preferred_language = @PreferredLanguage, organisation_id = @OrganisationId,
                lockout_end = @LockoutEnd, lockout_enabled = @LockoutEnabled, access_failed_count = @AccessFailedCount,
                two_factor_enabled = @TwoFactorEnabled, authenticator_key = @AuthenticatorKey, recovery_codes = @RecoveryCodes
            WHERE id = @Id AND (concurrency_stamp = @Expected OR (concurrency_stamp IS NULL AND @Expected IS NULL))
            """, new
        {
            user.UserName, user.NormalizedUserName, user.Email, user.NormalizedEmail, user.EmailConfirmed, user.PasswordHash,
            user.SecurityStamp, user.ConcurrencyStamp, user.PhoneNumber, user.DisplayName, user.PreferredLanguage, user.OrganisationId,
            user.LockoutEnd, user.LockoutEnabled, user.AccessFailedCount, user.TwoFactorEnabled, user.AuthenticatorKey, user.RecoveryCodes,
            user.Id, Expected = expected,
        }, tx), ct);
        if (rows == 1) return IdentityResult.Success;
        user.ConcurrencyStamp = expected;
        return IdentityResult.Failed(describe.ConcurrencyFailure());
    }

    public async Task<IdentityResult> DeleteAsync(PortalUser user, CancellationToken ct)
    {
        await db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM acc_users WHERE id = @Id", new { user.Id }, tx), ct);
        return IdentityResult.Success;
    }

    public Task<PortalUser?> FindByIdAsync(string userId, CancellationToken ct) =>
        long.TryParse(userId, out var id) ? FindOneAsync("id = @id", new { id }, ct) : Task.FromResult<PortalUser?>(null);

    public Task<PortalUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) =>
        FindOneAsync("normalized_user_name = @normalizedUserName", new { normalizedUserName }, ct);

    public Task<PortalUser?> FindByEmailAsync(string normalizedEmail, CancellationToken ct) =>
        FindOneAsync("normalized_email = @normalizedEmail", new { normalizedEmail }, ct);

    private async Task<PortalUser?> FindOneAsync(string where, object args, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QueryFirstOrDefaultAsync<PortalUser>($"SELECT {Columns} FROM acc_users WHERE {where} ORDER BY id", args);
    }

    public Task<string> GetUserIdAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public Task<string?> GetUserNameAsync(PortalUser user, CancellationToken ct) => Task.FromResult<string?>(user.UserName);
    public Task SetUserNameAsync(PortalUser user, string? userName, CancellationToken ct) { user.UserName = userName ?? ""; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(PortalUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedUserName);
    public Task SetNormalizedUserNameAsync(PortalUser user, string? normalizedName, CancellationToken ct) { user.NormalizedUserName = normalizedName ?? ""; return Task.CompletedTask; }

    public Task SetPasswordHashAsync(PortalUser user, string? passwordHash, CancellationToken ct) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(PortalUser user, string? email, CancellationToken ct) { user.Email = email; return Task.CompletedTask; }
    public Task<string?> GetEmailAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.Email);
    public Task<bool> GetEmailConfirmedAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.EmailConfirmed);
    public Task SetEmailConfirmedAsync(PortalUser user, bool confirmed, CancellationToken ct) { user.EmailConfirmed = confirmed; return Task.CompletedTask; }
    public Task<string?> GetNormalizedEmailAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(PortalUser user, string? normalizedEmail, CancellationToken ct) { user.NormalizedEmail = normalizedEmail; return Task.CompletedTask; }

    public Task SetSecurityStampAsync(PortalUser user, string stamp, CancellationToken ct) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(PortalUser user, DateTimeOffset? lockoutEnd, CancellationToken ct) { user.LockoutEnd = lockoutEnd; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(PortalUser user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(PortalUser user, CancellationToken ct) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(PortalUser user, bool enabled, CancellationToken ct) { user.LockoutEnabled = enabled; return Task.CompletedTask; }

    public Task SetTwoFactorEnabledAsync(PortalUser user, bool enabled, CancellationToken ct) { user.TwoFactorEnabled = enabled; return Task.CompletedTask; }
    public Task<bool> GetTwoFactorEnabledAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.TwoFactorEnabled);
    public Task SetAuthenticatorKeyAsync(PortalUser user, string key, CancellationToken ct) { user.AuthenticatorKey = key; return Task.CompletedTask; }
    public Task<string?> GetAuthenticatorKeyAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.AuthenticatorKey);

    public Task ReplaceCodesAsync(PortalUser user, IEnumerable<string> recoveryCodes, CancellationToken ct)
    {
        user.RecoveryCodes = string.Join(';', recoveryCodes);
        return Task.CompletedTask;
    }

    public async Task<bool> RedeemCodeAsync(PortalUser user, string code, CancellationToken ct)
    {
        var codes = (user.RecoveryCodes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!codes.Remove(code)) return false;
        user.RecoveryCodes = string.Join(';', codes);
        return (await UpdateAsync(user, ct)).Succeeded;
    }

    public Task<int> CountCodesAsync(PortalUser user, CancellationToken ct) =>
        Task.FromResult((user.RecoveryCodes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Length);

    public Task SetPhoneNumberAsync(PortalUser user, string? phoneNumber, CancellationToken ct) { user.PhoneNumber = phoneNumber; return Task.CompletedTask; }
    public Task<string?> GetPhoneNumberAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.PhoneNumber);
    public Task<bool> GetPhoneNumberConfirmedAsync(PortalUser user, CancellationToken ct) => Task.FromResult(false);
    public Task SetPhoneNumberConfirmedAsync(PortalUser user, bool confirmed, CancellationToken ct) => Task.CompletedTask;

    // Roles are a fixed set (PortalRoles); Identity hands us normalized (upper-case) names.
    public Task AddToRoleAsync(PortalUser user, string roleName, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            "INSERT INTO acc_user_roles (user_id, role) VALUES (@Id, @role) ON CONFLICT (user_id, role) DO NOTHING",
            new { user.Id, role = RoleName(roleName) }, tx), ct);

    public Task RemoveFromRoleAsync(PortalUser user, string roleName, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM acc_user_roles WHERE user_id = @Id AND role = @role",
            new { user.Id, role = RoleName(roleName) }, tx), ct);

    public async Task<IList<string>> GetRolesAsync(PortalUser user, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<string>("SELECT role FROM acc_user_roles WHERE user_id = @Id ORDER BY role", new { user.Id })).ToList();
    }

    public async Task<bool> IsInRoleAsync(PortalUser user, string roleName, CancellationToken ct) =>
        (await GetRolesAsync(user, ct)).Contains(RoleName(roleName));

    public async Task<IList<PortalUser>> GetUsersInRoleAsync(string roleName, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<PortalUser>(
            $"SELECT {Columns} FROM acc_users WHERE id IN (SELECT user_id FROM acc_user_roles WHERE role = @role) ORDER BY id",
            new { role = RoleName(roleName) })).ToList();
    }

    internal static string RoleName(string name) =>
        Core.Security.PortalRoles.All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"Unknown role '{name}'.");
}
