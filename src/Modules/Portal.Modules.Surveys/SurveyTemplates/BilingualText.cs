namespace Portal.Modules.Surveys.SurveyTemplates;

/// <summary>A short text in Chinese and English (a header field, a choice).</summary>
public sealed class BilingualText
{
    public string? Zh { get; set; }
    public string? En { get; set; }

    public string Pick(bool chinese) => (chinese ? Zh : En) ?? "";

    public BilingualText Trimmed() => new() { Zh = Zh?.Trim() ?? "", En = En?.Trim() ?? "" };

    public static string ToLines(IEnumerable<BilingualText> texts) => string.Join("\n", texts.Select(t => $"{t.Zh} | {t.En}"));

    /// <summary>One text a line, "中文 | English"; blank lines are skipped, a line without "|" has no English.</summary>
    public static List<BilingualText> FromLines(string? lines) =>
        [.. (lines ?? "").Split('\n').Where(l => !string.IsNullOrWhiteSpace(l)).Select(l =>
        {
            var bar = l.IndexOf('|', StringComparison.Ordinal);
            return bar < 0 ? new BilingualText { Zh = l.Trim(), En = "" } : new BilingualText { Zh = l[..bar].Trim(), En = l[(bar + 1)..].Trim() };
        })];
}
