using Portal.Modules.Downloads.Contracts;
using Portal.Modules.Knowledge.Contracts;

namespace Portal.Modules.Feedback.Bulletins;

/// <summary>Whether a request's first response came within its target, as of the end of the bulletin's month.</summary>
public enum ResponseCompliance
{
    Met,
    Missed,

    /// <summary>Not answered yet and not due before the month ended.</summary>
    Pending,

    /// <summary>No response target was promised (no service period covered the product).</summary>
    NotCovered,
}

/// <summary>A request as a month's bulletin lists it: its status at the end of the month and whether
/// it was received or resolved in it. Nothing of the timeline's text is included, so internal notes cannot appear.</summary>
public sealed record BulletinRequest(long Id, string Reference, string Title, string Type, int? Severity, string ProductCode,
    string Status, bool Received, bool Resolved, ResponseCompliance Compliance, DateTimeOffset CreatedAt, long CreatedBy)
{
    public bool OpenAtEnd => Status != Requests.RequestVocabulary.Closed;
}

/// <summary>One organisation's summary of one month: requests received, resolved and still open at the
/// month's end with their first-response compliance, and the releases and knowledge articles published
/// in the month for the products the organisation has installed.</summary>
public sealed record Bulletin(long OrganisationId, string OrganisationName, string Month, DateTimeOffset SendAt,
    IReadOnlyList<BulletinRequest> Requests, IReadOnlyList<NewRelease> Releases, IReadOnlyList<NewArticle> Articles,
    IReadOnlyDictionary<string, string> ProductNamesZh, IReadOnlyDictionary<string, string> ProductNamesEn)
{
    public int Received => Requests.Count(r => r.Received);

    public int Resolved => Requests.Count(r => r.Resolved);

    public int StillOpen => Requests.Count(r => r.OpenAtEnd);

    public int Count(ResponseCompliance compliance) => Requests.Count(r => r.Compliance == compliance);

    /// <summary>Requests with a response target whose first response is decided (met or missed).</summary>
    public int Measured => Count(ResponseCompliance.Met) + Count(ResponseCompliance.Missed);

    /// <summary>Whether the bulletin is sent: anything to report at all.</summary>
    public bool HasContent => Requests.Count > 0 || Releases.Count > 0 || Articles.Count > 0;

    public string ProductName(string code, bool english) =>
        (english ? ProductNamesEn : ProductNamesZh).GetValueOrDefault(code) ?? code;

    /// <summary>One article per slug, in the reader's language when it exists in it.</summary>
    public IReadOnlyList<NewArticle> ArticlesFor(bool english)
    {
        var lang = english ? "en" : "zh";
        return [.. Articles.GroupBy(a => a.Slug, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(a => a.Lang == lang) ?? g.First())
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)];
    }
}
