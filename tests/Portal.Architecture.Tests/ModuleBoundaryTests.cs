using System.Reflection;
using Portal.Architecture.Tests.Fixtures;
using Portal.Modules.Accounts.Identity;
using Xunit;

namespace Portal.Architecture.Tests;

public sealed class ModuleBoundaryTests
{
    private const string FixtureModule = "Fixture";

    [Fact]
    public void Every_module_project_is_checked()
    {
        var projects = Directory.EnumerateDirectories(Path.Combine(Repository.Src, "Modules"), ModuleAssembly.Prefix + "*")
            .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .Select(d => Path.GetFileName(d)[ModuleAssembly.Prefix.Length..])
            .Order(StringComparer.Ordinal);

        // A module missing here is not referenced by Portal.Host, so these tests cannot see it.
        Assert.Equal(projects, ModuleAssemblies.All.Select(m => m.Name));
        Assert.Contains(ModuleAssemblies.All, m => m.Name == ModuleAssembly.Kernel);
    }

    [Fact]
    public void Modules_use_other_modules_only_through_contracts_in_signatures()
    {
        var boundary = ModuleBoundary.ForModules(ModuleAssemblies.All);

        var violations = ModuleAssemblies.All.SelectMany(m => boundary.CheckSignatures(m.Name, m.Assembly.GetTypes()));

        Assert.True(!violations.Any(), "Module boundary violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Modules_use_other_modules_only_through_contracts_anywhere_in_their_code()
    {
        var boundary = ModuleBoundary.ForModules(ModuleAssemblies.All);

        var violations = ModuleAssemblies.All.SelectMany(m => boundary.CheckMetadata(m.Name, m.Assembly.Location)).ToList();

        Assert.True(violations.Count == 0, "Module boundary violations (type references):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Signature_check_reports_non_contract_types_of_another_module()
    {
        var boundary = WithFixtureModule();

        var violations = boundary.CheckSignatures(FixtureModule, [typeof(LeakInSignatures), typeof(LeakInMethodBody), typeof(UsesContractsOnly)])
            .Select(v => v.ToString()).ToList();

        Assert.Contains($"Fixture: {typeof(LeakInSignatures).FullName} property Log uses {typeof(AuditLog).FullName}", violations);
        Assert.Contains($"Fixture: {typeof(LeakInSignatures).FullName} method Services return uses {typeof(Portal.Modules.Accounts.Invitations.InvitationService).FullName}", violations);
        Assert.DoesNotContain(violations, v => v.Contains(nameof(UsesContractsOnly), StringComparison.Ordinal));
        // Method bodies are out of reflection's reach: that is what the metadata check is for.
        Assert.DoesNotContain(violations, v => v.Contains(nameof(AuditEvents), StringComparison.Ordinal));
    }

    [Fact]
    public void Metadata_check_reports_uses_inside_method_bodies()
    {
        var boundary = WithFixtureModule();

        var referenced = boundary.CheckMetadata(FixtureModule, typeof(LeakInMethodBody).Assembly.Location).Select(v => v.Referenced).ToList();

        Assert.Contains(typeof(AuditEvents).FullName, referenced);
        Assert.Contains(typeof(AuditLog).FullName, referenced);
        Assert.DoesNotContain(typeof(Portal.Modules.Notifications.Contracts.EmailRequested).FullName, referenced);
        Assert.DoesNotContain(referenced, r => r.StartsWith("Portal.Modules.Core.", StringComparison.Ordinal));
    }

    [Fact]
    public void Kernel_and_contracts_are_allowed_everything_else_is_not()
    {
        var boundary = ModuleBoundary.ForModules(ModuleAssemblies.All);

        Assert.True(boundary.IsAllowed("Accounts", "Portal.Modules.Core", "Portal.Modules.Core.Data"));
        Assert.True(boundary.IsAllowed("Accounts", "Portal.Modules.Notifications", "Portal.Modules.Notifications.Contracts"));
        Assert.True(boundary.IsAllowed("Notifications", "Portal.Modules.Notifications", "Portal.Modules.Notifications.Templates"));
        Assert.True(boundary.IsAllowed("Accounts", "Portal.Web", "Portal.Web.Localization"));
        Assert.False(boundary.IsAllowed("Accounts", "Portal.Modules.Notifications", "Portal.Modules.Notifications"));
        Assert.False(boundary.IsAllowed("Accounts", "Portal.Modules.Notifications", "Portal.Modules.Notifications.ContractsInternal"));
        Assert.False(boundary.IsAllowed("Notifications", "Portal.Modules.Accounts", "Portal.Modules.Accounts.Identity"));
    }

    private static ModuleBoundary WithFixtureModule()
    {
        var map = ModuleAssemblies.All.ToDictionary(m => m.Assembly.GetName().Name!, m => m.Name, StringComparer.Ordinal);
        map[Assembly.GetExecutingAssembly().GetName().Name!] = FixtureModule;
        return new ModuleBoundary(map);
    }
}
