using System.Globalization;

namespace Portal.Modules.Core.Text;

/// <summary>Control characters (Cc) and Unicode format characters (Cf: bidi overrides such as U+202E,
/// zero-width spaces and joiners) removed from a file name or display name, so "gpj\u202E.exe"
/// cannot pass for "exe.jpg" and two names that look the same are the same.</summary>
public static class InvisibleCharacters
{
    public static bool IsInvisible(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    public static string Strip(string? text)
    {
        var value = text ?? "";
        return value.Any(IsInvisible) ? new string([.. value.Where(c => !IsInvisible(c))]) : value;
    }
}
