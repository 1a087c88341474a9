using MediatR;

namespace Portal.Modules.Knowledge.Contracts;

/// <summary>A published article customers may read, as a summary (e.g. the monthly bulletin) lists it.
/// <see cref="Lang"/> is "zh" or "en"; <see cref="Url"/> is the portal-relative page.</summary>
public sealed record NewArticle(long Id, string Lang, string Slug, string Type, string Title, IReadOnlyList<string> Products, DateTimeOffset PublishedAt)
{
    public string Url => $"/Knowledge/Articles/{Lang}/{Slug}";
}

/// <summary>Articles (FAQ, articles, known issues) naming at least one of <paramref name="ProductCodes"/>
/// that are published now with a visibility customers may see (public or customers, never internal)
/// and were published in [<paramref name="From"/>, <paramref name="To"/>), oldest first, in both languages.</summary>
public sealed record ListNewArticles(IReadOnlyCollection<string> ProductCodes, DateTimeOffset From, DateTimeOffset To) : IRequest<IReadOnlyList<NewArticle>>;
