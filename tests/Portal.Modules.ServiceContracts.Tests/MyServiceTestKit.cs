using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Accounts;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Notifications;
using Portal.Modules.Notifications.Contracts;
using Portal.Testing;
using Portal.Web;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

/// <summary>Rows the reminder, renewal and My service tests need, written straight to the database.</summary>
internal static class MyServiceTestKit
{
    public const string Password = "correct horse battery staple";

    public static Task<ServiceProvider> BuildAsync(TestDatabase db, TimeProvider clock) =>
        TestServices.BuildAsync(db, (s, _) => s.AddNotificationsModule().AddAccountsModule().AddServiceContractsModule().AddPortalWeb(), clock: clock);

    public static Task<long> OrganisationAsync(this IServiceProvider services, string code, string? accountManager = null, bool active = true) =>
        services.GetRequiredService<IDb>().WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO acc_organisations (code, name, account_manager_email, is_active, created_at, updated_at)
            VALUES (@code, @Name, @accountManager, @active, @Now, @Now) RETURNING id
            """, new { code, Name = code + " Ltd", accountManager, active, Now = DateTimeOffset.UtcNow }, tx));

    public static async Task<long> ContactAsync(this IServiceProvider services, string email, long organisation, string language = "zh-CN")
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0],
            OrganisationId = organisation, PreferredLanguage = language,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, PortalRoles.Customer)).Succeeded);
        return user.Id;
    }

    public static Task<long> ProductAsync(this IServiceProvider services, string code, string nameZh = "水务平台", string nameEn = "Water Platform") =>
        ContractsTestKit.InsertProductAsync(services.GetRequiredService<IDb>(), code, nameZh, nameEn);

    /// <summary>A service period straight in the table (the contract rules are tested elsewhere).</summary>
    public static Task<long> PeriodAsync(this IServiceProvider services, long organisation, long product, DateOnly startsOn, DateOnly endsOn,
        string kind = "paid", string level = "standard", bool cancelled = false, bool majorUpgrades = false) =>
        services.GetRequiredService<IDb>().WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO sc_contracts (organisation_id, product_id, kind, service_level, starts_on, months, ends_on, major_upgrades,
                trainings_per_year, cancelled_at, created_at, updated_at)
            VALUES (@organisation, @product, @kind, @level, @startsOn, 12, @endsOn, @majorUpgrades, 2, @CancelledAt, @Now, @Now)
            RETURNING id
            """, new
        {
            organisation, product, kind, level, startsOn, endsOn, majorUpgrades,
            CancelledAt = cancelled ? DateTimeOffset.UtcNow : (DateTimeOffset?)null, Now = DateTimeOffset.UtcNow,
        }, tx));

    public static async Task<T> ScalarAsync<T>(this IServiceProvider services, string sql, object? args = null)
    {
        await using var c = await services.GetRequiredService<IDb>().OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    /// <summary>The EmailRequested events in the outbox for the templates starting with <paramref name="templatePrefix"/>, oldest first.</summary>
    public static async Task<List<EmailRequested>> EmailsAsync(this IServiceProvider services, string templatePrefix = "contracts.")
    {
        await using var c = await services.GetRequiredService<IDb>().OpenAsync();
        var payloads = await c.QueryAsync<string>("SELECT payload FROM outbox WHERE event_type = @Type ORDER BY id",
            new { Type = typeof(EmailRequested).FullName });
        return [.. payloads.Select(p => JsonSerializer.Deserialize<EmailRequested>(p, new JsonSerializerOptions(JsonSerializerDefaults.Web))!)
            .Where(e => e.Template.StartsWith(templatePrefix, StringComparison.Ordinal))];
    }

    /// <summary>A vendor-time-zone (Asia/Shanghai, UTC+8) morning on <paramref name="day"/>.</summary>
    public static DateTimeOffset MorningOf(DateOnly day) => new(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
}
