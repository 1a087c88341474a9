using System.Text.RegularExpressions;

namespace Portal.Modules.Notifications.Templates;

/// <summary>One email template in one language: a subject line and a plain-text body, both with
/// {{placeholder}} values.</summary>
internal sealed partial record EmailTemplate(string Name, string Language, string Subject, string Body)
{
    /// <summary>The placeholder names used in the subject and the body.</summary>
    public IReadOnlySet<string> Placeholders { get; } = PlaceholdersIn(Subject + "\n" + Body);

    public static IReadOnlySet<string> PlaceholdersIn(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>{{name}}: letters, digits and underscores, starting with a letter.</summary>
    [GeneratedRegex(@"\{\{([A-Za-z][A-Za-z0-9_]*)\}\}", RegexOptions.CultureInvariant)]
    internal static partial Regex Placeholder();
}
