using System.Reflection;

namespace Portal.Modules.Core.Modules;

/// <summary>What a module tells the host about itself: its name (also its Area and migration
/// journal key) and the assembly holding its handlers, migrations and pages.</summary>
public sealed record PortalModule(string Name, Assembly Assembly, int Order);
