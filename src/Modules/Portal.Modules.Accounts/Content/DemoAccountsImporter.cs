using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Accounts.Content;

/// <summary>content/demo/organizations.yaml: demo organisations and accounts, imported only in
/// demo mode and only while the database has no accounts. Each account gets a random password,
/// printed once and written to &lt;data&gt;/demo-accounts.txt.</summary>
internal sealed class DemoAccountsImporter(
    IDb db, UserManager<PortalUser> users, TimeProvider clock, IOptions<PortalOptions> portal, ILogger<DemoAccountsImporter> logger) : IContentImporter
{
    public const string FileName = "demo-accounts.txt";

    public int Order => 10;

    internal sealed class DemoFile
    {
        public List<DemoUser> Staff { get; set; } = [];
        public List<DemoOrganisation> Organizations { get; set; } = [];
    }

    internal sealed class DemoOrganisation
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? AccountManager { get; set; }
        public List<DemoUser> Users { get; set; } = [];

        /// <summary>Read by the Contracts module's importer.</summary>
        public List<object>? Installations { get; set; }

        /// <summary>Read by the Contracts module's importer.</summary>
        public List<object>? Contracts { get; set; }
    }

    internal sealed class DemoUser
    {
        public string Email { get; set; } = "";
        public string Name { get; set; } = "";
        public string Role { get; set; } = PortalRoles.Customer;
        public string Language { get; set; } = "zh-CN";
        public string? Note { get; set; }
    }

    public async Task ImportAsync(ContentImport import, CancellationToken ct)
    {
        var path = import.PathOf("demo", "organizations.yaml");
        if (!import.Demo || !File.Exists(path)) return;
        await using (var c = await db.OpenAsync(ct))
        {
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM acc_users") > 0) return;
        }
        var demo = Yaml.Read<DemoFile>(import, path);
        if (demo is null) return;

        var lines = new StringBuilder();
        foreach (var account in demo.Staff)
            await CreateUserAsync(import, path, account, null, lines);
        foreach (var org in demo.Organizations)
        {
            var id = await db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
                INSERT INTO acc_organisations (code, name, account_manager_email, is_active, created_at, updated_at)
                VALUES (@Code, @Name, @AccountManager, @Active, @Now, @Now)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name
                RETURNING id
                """, new { org.Code, org.Name, org.AccountManager, Active = true, Now = clock.GetUtcNow() }, tx), ct);
            import.Count("organisations");
            foreach (var account in org.Users)
                await CreateUserAsync(import, path, account, id, lines);
        }
        if (lines.Length == 0) return;
        var file = Path.Combine(portal.Value.FullDataPath, FileName);
        Directory.CreateDirectory(portal.Value.FullDataPath);
        var temp = file + ".tmp";
        await File.WriteAllTextAsync(temp, lines.ToString(), ct);
        File.Move(temp, file, overwrite: true);
        logger.LogInformation("Demo accounts written to {File}", file);
    }

    private async Task CreateUserAsync(ContentImport import, string path, DemoUser account, long? organisationId, StringBuilder lines)
    {
        var role = PortalRoles.All.FirstOrDefault(r => string.Equals(r, account.Role, StringComparison.OrdinalIgnoreCase));
        if (role is null)
        {
            import.Error(path, null, $"{account.Email}: unknown role '{account.Role}' (customer, staff or admin)");
            return;
        }
        var user = new PortalUser
        {
            UserName = account.Email,
            Email = account.Email,
            EmailConfirmed = true,
            DisplayName = account.Name,
            PreferredLanguage = account.Language == "en" ? "en" : "zh-CN",
            OrganisationId = organisationId,
        };
        var password = NewPassword();
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            import.Error(path, null, $"{account.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            return;
        }
        await users.AddToRoleAsync(user, role);
        import.Count("demo accounts");
        lines.Append(CultureInfo.InvariantCulture, $"{role,-9} {account.Email,-36} {password}  {account.Note}\n");
    }

    /// <summary>16 characters from an alphabet without look-alikes (no 0/O, 1/l/I).</summary>
    internal static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 16);
    }
}
