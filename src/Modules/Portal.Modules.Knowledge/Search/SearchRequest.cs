namespace Portal.Modules.Knowledge.Search;

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
