namespace Portal.Modules.Core.Modules;

/// <summary>A command a module adds to the executable: `Portal.Host <see cref="Name"/>` applies the
/// migrations, runs <see cref="RunAsync"/> in a service scope instead of serving, and exits with its
/// result (0 for success).</summary>
public sealed record HostCommand(string Name, string Usage, Func<IServiceProvider, TextWriter, CancellationToken, Task<int>> RunAsync);
