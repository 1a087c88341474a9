using Portal.Web;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Accounts.Tests;

/// <summary>The Dapper user store, driven through Identity's UserManager as the pages drive it.</summary>
public sealed class IdentityStoreTests
{
    private const string Password = "plum orchard 42";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Created_user_is_found_by_id_name_and_email(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await BuildAsync(db);
        var organisation = await CreateOrganisationAsync(services, "ACME");
        await using var scope = services.CreateAsyncScope();
        var users = Users(scope);

        var user = NewUser("li.na@example.com", organisation);
        Check(await users.CreateAsync(user, Password));

        Assert.True(user.Id > 0);
        var byId = await users.FindByIdAsync(Id(user));
        var byName = await users.FindByNameAsync("LI.NA@EXAMPLE.COM");
        var byEmail = await users.FindByEmailAsync("Li.Na@Example.com");
        foreach (var found in new[] { byId, byName, byEmail })
        {
            Assert.NotNull(found);
            Assert.Equal(user.Id, found.Id);
            Assert.Equal("li.na@example.com", found.Email);
            Assert.Equal("LI.NA@EXAMPLE.COM", found.NormalizedEmail);
            Assert.Equal("Li Na", found.DisplayName);
            Assert.Equal("en", found.PreferredLanguage);
            Assert.Equal(organisation, found.OrganisationId);
            Assert.True(found.EmailConfirmed);
            Assert.True(found.LockoutEnabled);
            // PostgreSQL keeps microseconds, .NET has 100 ns ticks.
            Assert.InRange(user.CreatedAt - found.CreatedAt, TimeSpan.Zero, TimeSpan.FromTicks(9));
        }
        Assert.Null(await users.FindByIdAsync("999999"));
        Assert.Null(await users.FindByIdAsync("not-a-number"));
        Assert.Null(await users.FindByEmailAsync("nobody@example.com"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Duplicate_name_or_email_is_refused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await BuildAsync(db);
        await using var scope = services.CreateAsyncScope();
        var users = Users(scope);
        Check(await users.CreateAsync(NewUser("wang@example.com"), Password));

        var sameName = NewUser("WANG@example.com");
        sameName.Email = "other@example.com";
        var sameEmail = NewUser("wang.lei");
        sameEmail.Email = "Wang@Example.com";

        AssertFailed(await users.CreateAsync(sameName, Password), nameof(IdentityErrorDescriber.DuplicateUserName));
        AssertFailed(await users.CreateAsync(sameEmail, Password), nameof(IdentityErrorDescriber.DuplicateEmail));
        // Two registrations racing past the validator meet the unique index: a result, not an exception.
        var store = scope.ServiceProvider.GetRequiredService<IUserStore<PortalUser>>();
        var racer = NewUser("wang@example.com");
        racer.NormalizedUserName = "WANG@EXAMPLE.COM";
        AssertFailed(await store.CreateAsync(racer, CancellationToken.None), nameof(IdentityErrorDescriber.DuplicateUserName));
        Assert.Equal(1L, await CountAsync(services, "SELECT COUNT(*) FROM acc_users"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_organisation_is_an_error_not_a_duplicate_name(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await BuildAsync(db);
        await using var scope = services.CreateAsyncScope();
        var users = Users(scope);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => users.CreateAsync(NewUser("orphan@example.com", organisationId: 424242), Password));

        Assert.Equal(0L, await CountAsync(services, "SELECT COUNT(*) FROM acc_users"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Password_needs_twelve_characters_and_is_checked(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await BuildAsync(db);
        await using var scope = services.CreateAsyncScope();
        var users = Users(scope);

        AssertFailed(await users.CreateAsync(NewUser("short@example.com"), "eleven char"), nameof(IdentityErrorDescriber.PasswordTooShort));
        AssertFailed(await users.CreateAsync(NewUser("same@example.com"), "aaaaaaaaaaaaaaaa"), nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars));
        Assert.Equal(0L, await CountAsync(services, "SELECT COUNT(*) FROM acc_users"));

        var user = NewUser("zhao@example.com");
        Check(await users.CreateAsync(user, "twelve chars"));
        var stored = await users.FindByIdAsync(Id(user));
        Assert.NotNull(stored);
        Assert.True(await users.HasPasswordAsync(stored));
        Assert.DoesNotContain("twelve", stored.PasswordHash, StringComparison.Ordinal);
        Assert.True(await users.CheckPasswordAsync(stored, "twelve chars"));
        Assert.False(await users.CheckPasswordAsync(stored, "twelve chars!"));

        AssertFailed(await users.ChangePasswordAsync(stored, "twelve chars", "too short"), nameof(IdentityErrorDescriber.PasswordTooShort));
        AssertFailed(await users.ChangePasswordAsync(stored, "wrong password", Password), nameof(IdentityErrorDescriber.PasswordMismatch));
        Check(await users.ChangePasswordAsync(stored, "twelve chars", Password));
        var reloaded = await users.FindByIdAsync(Id(user));
        Assert.True(await users.CheckPasswordAsync(reloaded!, Password));
        Assert.False(await users.CheckPasswordAsync(reloaded!, "twelve chars"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Five_failures_lock_the_account_until_reset(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await BuildAsync(db);
        await using var scope = services.CreateAsyncScope();
        var users = Users(scope);
        var user = NewUser("locked@example.com");
        Check(await users.CreateAsync(user, Password));

        for (var i = 1; i <= 4; i++) Check(await users.AccessFailedAsync(user));
        var afterFour = (await users.FindByIdAsync(Id(user)))!;
        Assert.Equal(4, await users.GetAccessFailedCountAsync(afterFour));
        Assert.False(await users.IsLockedOutAsync(afterFour));

        Check(await users.AccessFailedAsync(afterFour));
        var locked = (await users.FindByIdAsync(Id(user)))!;
        Assert.True(await users.IsLockedOutAsync(locked));
        Assert.Equal(0, locked.AccessFailedCount);
        var lockoutEnd = Assert.NotNull(locked.LockoutEnd);
        Assert.InRange(lockoutEnd - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.5));

        Check(await users.SetLockoutEndDateAsync(locked, null));
        Check(await users.AccessFailedAsync(locked));
        Check(await users.ResetAccessFailedCountAsync(locked));
        var unlocked = (await users.FindByIdAsync(Id(user)))!;
        Assert.False(await users.IsLockedOutAsync(unlocked));
        Assert.Equal(0, unlocked.AccessFailedCount);
        Assert.Null(unlocked.LockoutEnd);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roles_are_added_listed_and_removed(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await BuildAsync(db);
        await using var scope = services.CreateAsyncScope();
        var users = Users(scope);
        var staff = NewUser("staff@example.com");
        var customer = NewUser("customer@example.com");
        Check(await users.CreateAsync(staff, Password));
        Check(await users.CreateAsync(customer, Password));

        Check(await users.AddToRolesAsync(staff, [PortalRoles.Staff, PortalRoles.Admin]));
        Check(await users.AddToRoleAsync(customer, "customer"));
        AssertFailed(await users.AddToRoleAsync(customer, PortalRoles.Customer), nameof(IdentityErrorDescriber.UserAlreadyInRole));
        await Assert.ThrowsAsync<InvalidOperationException>(() => users.AddToRoleAsync(customer, "Root"));

        Assert.Equal([PortalRoles.Admin, PortalRoles.Staff], await users.GetRolesAsync(staff));
        Assert.Equal([PortalRoles.Customer], await users.GetRolesAsync(customer));
        Assert.True(await users.IsInRoleAsync(staff, "ADMIN"));
        Assert.False(await users.IsInRoleAsync(customer, PortalRoles.Staff));
        Assert.Equal([staff.Id], (await users.GetUsersInRoleAsync(PortalRoles.Staff)).Select(u => u.Id));
        Assert.Equal([customer.Id], (await users.GetUsersInRoleAsync(PortalRoles.Customer)).Select(u => u.Id));

        Check(await users.RemoveFromRoleAsync(staff, PortalRoles.Admin));
        AssertFailed(await users.RemoveFromRoleAsync(staff, PortalRoles.Admin), nameof(IdentityErrorDescriber.UserNotInRole));
        Assert.Equal([PortalRoles.Staff], await users.GetRolesAsync(staff));
        Assert.Empty(await users.GetUsersInRoleAsync(PortalRoles.Admin));

        Check(await users.DeleteAsync(staff));
        Assert.Null(await users.FindByIdAsync(Id(staff)));
        Assert.Equal(1L, await CountAsync(services, "SELECT COUNT(*) FROM acc_user_roles"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Security_stamp_changes_with_credentials(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await BuildAsync(db);
        await using var scope = services.CreateAsyncScope();
        var users = Users(scope);
        var user = NewUser("stamp@example.com");
        Check(await users.CreateAsync(user, Password));
        var first = await users.GetSecurityStampAsync(user);
        Assert.False(string.IsNullOrEmpty(first));

        Check(await users.UpdateSecurityStampAsync(user));
        var second = (await users.FindByIdAsync(Id(user)))!.SecurityStamp;
        Check(await users.ChangePasswordAsync(user, Password, "another long secret"));
        var third = (await users.FindByIdAsync(Id(user)))!.SecurityStamp;

        Assert.NotEqual(first, second);
        Assert.NotEqual(second, third);
        Assert.Equal(third, await users.GetSecurityStampAsync(user));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Authenticator_key_and_two_factor_are_persisted(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await BuildAsync(db);
        await using var scope = services.CreateAsyncScope();
        var users = Users(scope);
        var user = NewUser("totp@example.com");
        Check(await users.CreateAsync(user, Password));
        Assert.Null(await users.GetAuthenticatorKeyAsync(user));
        Assert.False(await users.GetTwoFactorEnabledAsync(user));
        var stamp = user.SecurityStamp;

        Check(await users.ResetAuthenticatorKeyAsync(user));
        var reloaded = (await users.FindByIdAsync(Id(user)))!;
        var key = await users.GetAuthenticatorKeyAsync(reloaded);
        Assert.False(string.IsNullOrEmpty(key));
        Assert.NotEqual(stamp, reloaded.SecurityStamp);

        var code = Totp.Code(key, DateTimeOffset.UtcNow);
        Assert.True(await users.VerifyTwoFactorTokenAsync(reloaded, TokenOptions.DefaultAuthenticatorProvider, code));
        var wrong = ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        Assert.False(await users.VerifyTwoFactorTokenAsync(reloaded, TokenOptions.DefaultAuthenticatorProvider, wrong));

        Check(await users.SetTwoFactorEnabledAsync(reloaded, true));
        Assert.True(await users.GetTwoFactorEnabledAsync((await users.FindByIdAsync(Id(user)))!));
        Check(await users.SetTwoFactorEnabledAsync(reloaded, false));
        Assert.False(await users.GetTwoFactorEnabledAsync((await users.FindByIdAsync(Id(user)))!));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Recovery_code_works_once_even_from_a_stale_copy(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await BuildAsync(db);
        await using var scope = services.CreateAsyncScope();
        var users = Users(scope);
        var user = NewUser("codes@example.com");
        Check(await users.CreateAsync(user, Password));

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        Assert.Equal(10, codes.Distinct(StringComparer.Ordinal).Count());
        var copyA = (await users.FindByIdAsync(Id(user)))!;
        var copyB = (await users.FindByIdAsync(Id(user)))!;
        Assert.Equal(10, await users.CountRecoveryCodesAsync(copyA));

        Check(await users.RedeemTwoFactorRecoveryCodeAsync(copyA, codes[0]));
        AssertFailed(await users.RedeemTwoFactorRecoveryCodeAsync(copyA, codes[0]), nameof(IdentityErrorDescriber.RecoveryCodeRedemptionFailed));
        // copyB was loaded before the redemption and still holds the code in memory.
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(copyB, codes[0])).Succeeded);

        var reloaded = (await users.FindByIdAsync(Id(user)))!;
        Assert.Equal(9, await users.CountRecoveryCodesAsync(reloaded));
        Check(await users.RedeemTwoFactorRecoveryCodeAsync(reloaded, codes[9]));
        Assert.Equal(8, await users.CountRecoveryCodesAsync((await users.FindByIdAsync(Id(user)))!));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Password_reset_token_works_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await BuildAsync(db);
        await using var scope = services.CreateAsyncScope();
        var users = Users(scope);
        var user = NewUser("reset@example.com");
        Check(await users.CreateAsync(user, Password));

        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync((await users.FindByIdAsync(Id(user)))!, token, "brand new secret"));
        AssertFailed(await users.ResetPasswordAsync((await users.FindByIdAsync(Id(user)))!, token, "yet another secret"), nameof(IdentityErrorDescriber.InvalidToken));

        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(Id(user)))!, "brand new secret"));
        // The Data Protection key ring lives in the database, shared by every node.
        Assert.True(await CountAsync(services, "SELECT COUNT(*) FROM dp_keys") >= 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Updating_a_stale_copy_is_a_concurrency_failure(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await BuildAsync(db);
        await using var scope = services.CreateAsyncScope();
        var users = Users(scope);
        var user = NewUser("twice@example.com");
        Check(await users.CreateAsync(user, Password));
        var first = (await users.FindByIdAsync(Id(user)))!;
        var second = (await users.FindByIdAsync(Id(user)))!;

        first.DisplayName = "First editor";
        Check(await users.UpdateAsync(first));
        second.DisplayName = "Second editor";
        var stale = second.ConcurrencyStamp;

        AssertFailed(await users.UpdateAsync(second), nameof(IdentityErrorDescriber.ConcurrencyFailure));

        Assert.Equal(stale, second.ConcurrencyStamp);
        Assert.Equal("First editor", (await users.FindByIdAsync(Id(user)))!.DisplayName);
        var fresh = (await users.FindByIdAsync(Id(user)))!;
        fresh.DisplayName = "Second editor";
        Check(await users.UpdateAsync(fresh));
        Assert.Equal("Second editor", (await users.FindByIdAsync(Id(user)))!.DisplayName);
    }

    private static Task<ServiceProvider> BuildAsync(TestDatabase db) =>
        TestServices.BuildAsync(db, (s, _) => s.AddAccountsModule().AddPortalWeb());

    private static UserManager<PortalUser> Users(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

    private static PortalUser NewUser(string name, long? organisationId = null) => new()
    {
        UserName = name,
        Email = name.Contains('@', StringComparison.Ordinal) ? name : name + "@example.com",
        EmailConfirmed = true,
        DisplayName = "Li Na",
        PreferredLanguage = "en",
        OrganisationId = organisationId,
    };

    private static string Id(PortalUser user) => user.Id.ToString(CultureInfo.InvariantCulture);

    private static async Task<long> CreateOrganisationAsync(IServiceProvider services, string code) =>
        await services.GetRequiredService<IDb>().WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO acc_organisations (code, name, is_active, created_at, updated_at) VALUES (@code, @code, @Active, @Now, @Now) RETURNING id
            """, new { code, Active = true, Now = DateTimeOffset.UtcNow }, tx));

    private static async Task<long> CountAsync(IServiceProvider services, string sql)
    {
        await using var c = await services.GetRequiredService<IDb>().OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Description}")));

    private static void AssertFailed(IdentityResult result, string code)
    {
        Assert.False(result.Succeeded, $"expected {code}, but the operation succeeded");
        Assert.Contains(code, result.Errors.Select(e => e.Code));
    }
}
