namespace Portal.Modules.Accounts.Sessions;

/// <summary>"Browser on system" from a User-Agent header, for the session list. Deliberately
/// small: the order of the checks matters, because Edge and Chrome also say "Safari".</summary>
public static class DeviceName
{
    public static string Browser(string? userAgent)
    {
        var ua = userAgent ?? "";
        if (ua.Contains("Edg/", StringComparison.Ordinal) || ua.Contains("Edge/", StringComparison.Ordinal)) return "Edge";
        if (ua.Contains("OPR/", StringComparison.Ordinal) || ua.Contains("Opera", StringComparison.Ordinal)) return "Opera";
        if (ua.Contains("MicroMessenger", StringComparison.Ordinal)) return "WeChat";
        if (ua.Contains("Firefox/", StringComparison.Ordinal) || ua.Contains("FxiOS/", StringComparison.Ordinal)) return "Firefox";
        if (ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("CriOS/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal)) return "Chrome";
        if (ua.Contains("Safari/", StringComparison.Ordinal)) return "Safari";
        if (ua.Contains("Trident/", StringComparison.Ordinal) || ua.Contains("MSIE ", StringComparison.Ordinal)) return "Internet Explorer";
        return "";
    }

    public static string System(string? userAgent)
    {
        var ua = userAgent ?? "";
        if (ua.Contains("Android", StringComparison.Ordinal)) return "Android";
        if (ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal)) return "iOS";
        if (ua.Contains("Windows", StringComparison.Ordinal)) return "Windows";
        if (ua.Contains("Mac OS X", StringComparison.Ordinal) || ua.Contains("Macintosh", StringComparison.Ordinal)) return "macOS";
        if (ua.Contains("CrOS", StringComparison.Ordinal)) return "ChromeOS";
        if (ua.Contains("Linux", StringComparison.Ordinal)) return "Linux";
        return "";
    }
}
