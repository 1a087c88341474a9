using MediatR;

namespace Portal.Modules.Downloads.Contracts;

/// <summary>A published release as a summary (e.g. the monthly bulletin) lists it. <see cref="Url"/> is the portal-relative page.</summary>
public sealed record NewRelease(long Id, string ProductCode, string Version, string Kind, string TitleZh, string TitleEn, DateTimeOffset PublishedAt)
{
    public string Url => $"/Downloads/Release/{Id}";

    /// <summary>The title in Chinese unless <paramref name="english"/>.</summary>
    public string Title(bool english) => english ? TitleEn : TitleZh;
}

/// <summary>Releases of <paramref name="ProductCodes"/> that are published now and were published in
/// [<paramref name="From"/>, <paramref name="To"/>), oldest first. Drafts never appear.</summary>
public sealed record ListNewReleases(IReadOnlyCollection<string> ProductCodes, DateTimeOffset From, DateTimeOffset To) : IRequest<IReadOnlyList<NewRelease>>;
