using System.Security.Claims;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Who is searching, reduced to what filters the index: the highest visibility they may
/// see (0 public, 1 customers, 2 internal) and their organisation.</summary>
public sealed record SearchViewer(int MaxVisibility, long? OrganisationId, bool AllOrganisations)
{
    public static readonly SearchViewer Anonymous = new(0, null, false);
    public static readonly SearchViewer Staff = new(2, null, true);

    public static SearchViewer Customer(long organisationId) => new(1, organisationId, false);

    public static SearchViewer From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Anonymous;
        if (user.IsInRole(PortalRoles.Staff) || user.IsInRole(PortalRoles.Admin)) return Staff;
        return user.OrganisationId() is { } org ? Customer(org) : Anonymous;
    }
}

public enum SearchSort
{
    Relevance,
    Date,
}

internal sealed record SearchRequest(
    string? Query,
    SearchViewer Viewer,
    string? Type = null,
    string? Product = null,
    string? Lang = null,
    string? Category = null,
    int Page = 1,
    SearchSort Sort = SearchSort.Relevance,
    int PageSize = SearchService.DefaultPageSize);

public sealed record SearchHit(
    string Key, string Slug, string Lang, string Type, string Title, string Url, string Snippet, string? Category, DateTimeOffset Updated);

public sealed record FacetValue(string Value, int Count);

public sealed record SearchResult(
    string Query,
    int Total,
    int Page,
    int PageSize,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets,
    Relaxation Relaxation,
    bool IndexReady)
{
    /// <summary>How many documents matched the words as written, before any relaxation.</summary>
    public int ExactTotal { get; init; } = Total;

    /// <summary>True when nothing matched the words as written and the hits match only some of them.</summary>
    public bool OnlyPartialMatches => Relaxation != Relaxation.Phrase && ExactTotal == 0 && Total > 0;

    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;

    internal static SearchResult Empty(string query, int page, int pageSize, bool ready) =>
        new(query, 0, page, pageSize, [], SearchService.EmptyFacets, Relaxation.Phrase, ready);
}

public sealed record Suggestion(string Title, string Url, string Type, string Lang);
