using System.Globalization;

namespace Portal.Web.Localization;

public static class PortalCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly IReadOnlyList<string> Supported = [Chinese, English];

    /// <summary>Maps any input ("en-US", "zh", null …) to a supported culture name; Chinese by default.</summary>
    public static string Normalize(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    public static bool IsEnglish => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Chinese or the English text (e.g. a product's two names), after the current UI language.</summary>
    public static string Pick(string zh, string en) => IsEnglish ? en : zh;
}
