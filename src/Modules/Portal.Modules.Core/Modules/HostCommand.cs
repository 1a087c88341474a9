namespace Portal.Modules.Core.Modules;

/// <summary>A command a module adds to the executable: `Portal.Host <see cref="Name"/> [arguments]`
/// runs <see cref="RunAsync"/> in a service scope instead of serving and exits with its result (0 for
/// success, 2 for bad input). Unless <see cref="MigrateFirst"/> is false the migrations are applied
/// first.</summary>
public sealed record HostCommand(string Name, string Usage, Func<HostCommandContext, Task<int>> RunAsync, bool MigrateFirst = true);

/// <summary>What a host command runs with: its scope's services, its positional arguments (the words
/// after the command name, before any --option), and where to write.</summary>
public sealed record HostCommandContext(IServiceProvider Services, IReadOnlyList<string> Arguments, TextWriter Output, TextWriter Errors, CancellationToken Cancellation);
