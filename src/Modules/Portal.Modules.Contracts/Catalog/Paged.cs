namespace Portal.Modules.Contracts.Catalog;

/// <summary>What the pager partial needs to know about a list page.</summary>
public interface ICatalogPage
{
    int Page { get; }
    int TotalPages { get; }
    long Total { get; }
}

/// <summary>One page of a list and the total count of the filtered list.</summary>
public sealed class Paged<T>(IReadOnlyList<T> items, int page, long total) : ICatalogPage
{
    public const int PageSize = 25;

    /// <summary>Keeps OFFSET arithmetic far from overflow whatever the query string says.</summary>
    public const int MaxPage = 100_000;

    public static Paged<T> Empty { get; } = new([], 1, 0);

    public IReadOnlyList<T> Items { get; } = items;
    public int Page { get; } = page;
    public long Total { get; } = total;
    public int TotalPages => Total == 0 ? 1 : (int)Math.Min(MaxPage, (Total + PageSize - 1) / PageSize);

    public static int Normalize(int page) => Math.Clamp(page, 1, MaxPage);

    public static long Offset(int page) => (long)(Normalize(page) - 1) * PageSize;
}
