using System.Text;
using Portal.Modules.Feedback.Requests;

namespace Portal.Modules.Feedback.Articles;

/// <summary>The first text of a known-issue article drafted from a closed problem, in the article's
/// language: the symptom as the customer described it, what it applies to, and the solution staff
/// gave publicly (internal notes never go into an article).</summary>
public static class KnownIssueDraft
{
    public static string Body(string lang, RequestRow request, string productName, string? solution)
    {
        var en = lang == "en";
        var text = new StringBuilder();
        text.Append(en ? "## Symptom" : "## 现象").Append("\n\n").Append(request.Description.Trim()).Append("\n\n");
        text.Append(en ? "## Applies to" : "## 适用范围").Append("\n\n").Append(productName).Append(' ').Append(request.ProductVersion).Append("\n\n");
        text.Append(en ? "## Solution" : "## 解决方法").Append("\n\n")
            .Append(string.IsNullOrWhiteSpace(solution) ? (en ? "(Describe the solution.)" : "（请填写解决方法。）") : solution.Trim()).Append('\n');
        return text.ToString();
    }

    /// <summary>The solution as proposed: the last public reply by staff.</summary>
    public static string? Solution(IEnumerable<TimelineEntry> publicTimeline) =>
        publicTimeline.LastOrDefault(e => e is { Kind: "reply", ByStaff: true, Internal: false })?.Body;
}
