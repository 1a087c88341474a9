using MediatR;
using Portal.Modules.Core.Modules;

namespace Portal.Modules.Core.Outbox;

/// <summary>The event types the outbox may deserialize: INotification types of registered
/// modules, by full name. A stored type name outside this list is never loaded.</summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, Type> types;

    public EventTypeRegistry(IEnumerable<PortalModule> modules)
    {
        types = modules.SelectMany(m => m.Assembly.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(INotification).IsAssignableFrom(t) && t.FullName is not null)
            .ToDictionary(t => t.FullName!, StringComparer.Ordinal);
    }

    public Type? Find(string name) => types.GetValueOrDefault(name);
}
