using Portal.Web.Localization;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages;

internal static class KnowledgePage
{
    /// <summary>The article language that matches the interface language.</summary>
    public static string CurrentLanguage => PortalCultures.IsEnglish ? "en" : "zh";

    public static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
