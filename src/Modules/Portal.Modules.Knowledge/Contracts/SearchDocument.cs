namespace Portal.Modules.Knowledge.Contracts;

/// <summary>One searchable item as the index sees it, whatever module it comes from.</summary>
/// <param name="Key">Unique across sources, e.g. "kb:zh:login-blank-after-upgrade".</param>
/// <param name="Type">faq, article, known-issue, release (later: course).</param>
/// <param name="Lang">zh or en.</param>
/// <param name="Tags">Tags, already split.</param>
/// <param name="Body">Plain text (Markdown already rendered and stripped).</param>
/// <param name="Url">Where a hit links to, relative to the site root.</param>
/// <param name="Visibility">public, customers or internal.</param>
/// <param name="Products">Product codes the item applies to.</param>
/// <param name="OrganisationId">Set for an item only one organisation (and staff) may find.</param>
/// <param name="Version">A release's version (e.g. 8.5.2); null for articles.</param>
/// <param name="Severity">A patch's severity (critical, important, moderate, low); null otherwise.</param>
public sealed record SearchDocument(
    string Key,
    string Type,
    string Lang,
    string Title,
    IReadOnlyList<string> Tags,
    string Body,
    string Url,
    string Visibility,
    string? Category,
    IReadOnlyList<string> Products,
    DateTimeOffset Updated,
    long? OrganisationId = null,
    string? Version = null,
    string? Severity = null);
