using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Portal.Modules.Core.Outbox;

/// <summary>Who this node is when it claims outbox rows. The same node keeps the same id across
/// restarts, so at start it can take back the claims it held when it died. Outbox:NodeId when set;
/// otherwise the machine name plus a random id kept in &lt;DataPath&gt;/node-id, so two machines
/// sharing a data folder still differ (two processes on one machine and one data folder must set
/// Outbox:NodeId).</summary>
public sealed class OutboxNode
{
    public const string FileName = "node-id";

    private readonly Lazy<string> id;

    public OutboxNode(IOptions<OutboxOptions> outbox, IOptions<PortalOptions> portal)
    {
        id = new Lazy<string>(() => outbox.Value.NodeId is { Length: > 0 } configured
            ? configured.Trim()
            : $"{Environment.MachineName}/{Persisted(portal.Value.FullDataPath)}");
    }

    public string Id => id.Value;

    private static string Persisted(string dataPath)
    {
        var file = Path.Combine(dataPath, FileName);
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } existing) return existing;
        Directory.CreateDirectory(dataPath);
        var created = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var temporary = file + "." + created + ".tmp";
        File.WriteAllText(temporary, created);
        try
        {
            // Two processes starting at once on a new folder: the first rename wins, both read it.
            File.Move(temporary, file, overwrite: false);
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temporary);
        }
        return File.ReadAllText(file).Trim();
    }
}
