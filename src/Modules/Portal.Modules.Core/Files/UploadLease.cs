using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Outbox;

namespace Portal.Modules.Core.Files;

/// <summary>Which process owns an upload's temporary file. Beside each temporary file lies an
/// owner marker naming the node and this process's incarnation (random, made at start); the node
/// keeps a lease file {files}/.nodes/{node} holding its current incarnation, renewed every
/// <see cref="RenewEvery"/> while it runs. A marker whose node has a different incarnation (it
/// restarted) or a lease older than <see cref="Expiry"/> (it died) belongs to no live upload.</summary>
internal sealed class UploadLease(OutboxNode node, IOptions<PortalOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(3);

    private readonly object gate = new();
    private DateTimeOffset renewedAt = DateTimeOffset.MinValue;

    public string Incarnation { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public string NodeId => node.Id;

    private string Root => Path.Combine(options.Value.FullDataPath, "files");

    private string LeasesFolder => Path.Combine(Root, ".nodes");

    /// <summary>Writes the lease when it is due (cheap to call often, e.g. while an upload streams).</summary>
    public void Renew(bool force = false)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (!force && now - renewedAt < RenewEvery) return;
            Directory.CreateDirectory(LeasesFolder);
            var path = LeasePath(NodeId);
            if (!File.Exists(path) || File.ReadAllText(path).Trim() != Incarnation) File.WriteAllText(path, Incarnation);
            File.SetLastWriteTimeUtc(path, now.UtcDateTime);
            renewedAt = now;
        }
    }

    /// <summary>Marks a temporary file as this process's, before any data goes into it.</summary>
    public void WriteMarker(string markerPath)
    {
        Renew();
        File.WriteAllText(markerPath, NodeId + "\n" + Incarnation);
    }

    /// <summary>Whether the upload named by a marker's text may still be running.</summary>
    public bool IsLive(string markerText)
    {
        var lines = markerText.Split('\n', StringSplitOptions.TrimEntries);
        if (lines.Length < 2 || lines[0].Length == 0) return false;
        var (owner, incarnation) = (lines[0], lines[1]);
        if (owner == NodeId) return incarnation == Incarnation;
        var lease = LeasePath(owner);
        if (!File.Exists(lease) || File.ReadAllText(lease).Trim() != incarnation) return false;
        return File.GetLastWriteTimeUtc(lease) >= (clock.GetUtcNow() - Expiry).UtcDateTime;
    }

    // Node ids may hold '/' (machine/random) and anything an operator configured.
    private string LeasePath(string nodeId) =>
        Path.Combine(LeasesFolder, string.Concat(nodeId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'))
            + "-" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(nodeId)))[..8]);
}
