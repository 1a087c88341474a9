namespace Portal.Modules.Core;

/// <summary>Settings under the "Portal" configuration section.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Folder for the SQLite database, search index, uploaded files and the mail pickup folder.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>Creates demo organisations and accounts on an empty database.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>IANA time zone in which contract and holiday dates are meant.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Public base URL used in emailed links, e.g. https://support.example.com.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";

    public string FullDataPath => Path.GetFullPath(DataPath);

    public TimeZoneInfo VendorTimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
