namespace Portal.Modules.Core.Content;

/// <summary>Why the import did not read a file, from where it lies in the content folder
/// (the layout of docs/content-format.md). Only asked about files no importer read.</summary>
public static class UnreadReason
{
    public const string Hidden = "hidden, not read";
    public const string NotInFormat = "not part of the content format, see docs/content-format.md";

    /// <param name="relative">The file's path relative to the content folder, with '/'.</param>
    public static string Of(string relative, bool demo)
    {
        var parts = relative.Split('/');
        if (parts[^1].StartsWith('.')) return Hidden;
        return parts[0] switch
        {
            "demo" when !demo => "demo data, imported only in demo mode",
            "demo" when parts.Length == 2 && parts[1] is "organizations.yaml" or "training.yaml" => "demo data, imported only into an empty database",
            "knowledge" when parts.Length == 3 && parts[1] is "zh" or "en" => "knowledge/" + parts[1] + "/ holds only .md files",
            "knowledge" when parts.Length > 3 && parts[1] is "zh" or "en" => $"subfolders of knowledge/{parts[1]}/ are not read",
            "training" or "surveys" when parts.Length == 2 => parts[0] + "/ holds only .yaml files",
            "training" or "surveys" or "holidays" when parts.Length > 2 => $"subfolders of {parts[0]}/ are not read",
            "downloads" when parts.Length > 2 => $"no release.yaml in {string.Join('/', parts[..^1])}/ lists it",
            _ => NotInFormat,
        };
    }
}
