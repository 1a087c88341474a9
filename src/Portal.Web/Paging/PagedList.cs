namespace Portal.Web.Paging;

/// <summary>What the pager partial needs to know about a list page.</summary>
public interface IPaged
{
    int Page { get; }
    int TotalPages { get; }
    long Total { get; }

    /// <summary>The list was counted only up to <see cref="Total"/>: there are more.</summary>
    bool TotalIsLowerBound => false;
}

/// <summary>One page of a list and the total count of the filtered list.</summary>
public sealed class PagedList<T>(IReadOnlyList<T> items, int page, int pageSize, long total) : IPaged
{
    public const int DefaultPageSize = 25;

    /// <summary>Keeps OFFSET arithmetic far from overflow whatever the query string says.</summary>
    public const int MaxPage = 100_000;

    public IReadOnlyList<T> Items { get; } = items;
    public int Page { get; } = page;
    public int PageSize { get; } = pageSize;
    public long Total { get; } = total;
    public bool TotalIsLowerBound { get; init; }
    public int TotalPages => Total == 0 ? 1 : (int)Math.Min(MaxPage, (Total + PageSize - 1) / PageSize);

    public static PagedList<T> Empty { get; } = new([], 1, DefaultPageSize, 0);

    public static int Normalize(int page) => Math.Clamp(page, 1, MaxPage);

    public static long Offset(int page, int pageSize) => (long)(Normalize(page) - 1) * pageSize;
}
