using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Web.Formatting;

namespace Portal.Modules.Feedback.Sla;

/// <summary>The stable machine text the SLA watch stores in timeline entries ("warned" bodies and the
/// reason of an automatic escalation), and its localized rendering. Stored as codes, not sentences,
/// so the timeline reads in the viewer's language.</summary>
public static class SlaNotes
{
    public const string Respond = "respond";
    public const string Resolve = "resolve";

    private const string Soon = "soon";
    private const string Breach = "breach";
    private const string Automatic = "auto-escalation";

    /// <param name="notified">The names of the staff emailed.</param>
    public static string Warning(string target, int percent, DateTimeOffset due, IEnumerable<string> notified) =>
        string.Create(CultureInfo.InvariantCulture, $"{Soon}|{target}|{percent}|{DisplayTime.Iso(due)}|{Names(notified)}");

    public static string Breached(string target, DateTimeOffset due, IEnumerable<string> notified) =>
        string.Create(CultureInfo.InvariantCulture, $"{Breach}|{target}|100|{DisplayTime.Iso(due)}|{Names(notified)}");

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => n.Replace('|', '/')));

    public static string AutoEscalation(int percent) => string.Create(CultureInfo.InvariantCulture, $"{Automatic}|{percent}");

    /// <summary>The sentence for a "warned" entry.</summary>
    public static string DescribeWarning(string body, IStringLocalizer l, DisplayTime time)
    {
        var parts = body.Split('|');
        if (parts.Length != 5 || !DateTimeOffset.TryParse(parts[3], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var due)) return body;
        var target = parts[1] == Respond ? l["first response"] : l["resolution"];
        var what = parts[0] == Breach
            ? l["SLA breached: the {0} target was due {1}.", target, time.DateTime(due)]
            : l["SLA warning: {0}% of the {1} target has elapsed (due {2}).", parts[2], target, time.DateTime(due)];
        var who = parts[4].Length > 0
            ? l["Notified: {0}.", parts[4]]
            : l["Nobody was notified: the request has no assignee and its tier no lead."];
        return $"{what} {who}";
    }

    /// <summary>The reason of an escalation as shown: automatic ones localized, reasons staff typed as they are.</summary>
    public static string DescribeReason(string body, IStringLocalizer l)
    {
        var parts = body.Split('|');
        return parts.Length == 2 && parts[0] == Automatic ? l["Automatic: {0}% of the resolution target elapsed", parts[1]] : body;
    }
}
