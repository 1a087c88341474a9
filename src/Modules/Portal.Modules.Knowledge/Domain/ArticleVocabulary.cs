using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Modules.Knowledge.Domain;

/// <summary>The closed value sets of an article and their display keys (English text, localized in views).</summary>
public static partial class ArticleVocabulary
{
    public const string Faq = "faq";
    public const string Article = "article";
    public const string KnownIssue = "known-issue";
    public static readonly IReadOnlyList<string> Types = [Faq, Article, KnownIssue];

    public const string Public = "public";
    public const string Customers = "customers";
    public const string Internal = "internal";
    public static readonly IReadOnlyList<string> Visibilities = [Public, Customers, Internal];

    public const string Draft = "draft";
    public const string Published = "published";
    public const string Archived = "archived";
    public static readonly IReadOnlyList<string> Statuses = [Draft, Published, Archived];

    public static readonly IReadOnlyList<string> Languages = ["zh", "en"];

    /// <summary>The article language asked for when it is one, else the one matching the interface
    /// language (English for an English interface, Chinese otherwise).</summary>
    public static string LanguageFor(string? requested, CultureInfo interfaceCulture) =>
        requested is not null && Languages.Contains(requested) ? requested
        : interfaceCulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh";

    public const int MaxTitle = 200;
    public const int MaxBody = 200_000;
    public const int MaxCategory = 60;
    public const int MaxSlug = 100;

    public static bool IsSlug(string? slug) => slug is { Length: > 0 and <= MaxSlug } && SlugPattern().IsMatch(slug);

    public static bool IsProductCode(string code) => code.Length <= 20 && ProductPattern().IsMatch(code);

    public static string DescribeType(string type) => type switch
    {
        Faq => "FAQ",
        KnownIssue => "Known issue",
        _ => "Article",
    };

    public static string DescribeVisibility(string visibility) => visibility switch
    {
        Public => "Public",
        Customers => "Customers",
        _ => "Internal",
    };

    public static string DescribeStatus(string status) => status switch
    {
        Published => "Published",
        Archived => "Archived",
        _ => "Draft",
    };

    public static string DescribeLanguage(string lang) => lang == "en" ? "English" : "Chinese";

    public static string StatusBadge(string status) => status switch
    {
        Published => "text-bg-success",
        Archived => "text-bg-secondary",
        _ => "text-bg-warning",
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ProductPattern();
}
