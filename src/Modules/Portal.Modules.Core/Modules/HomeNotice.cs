using System.Security.Claims;

namespace Portal.Modules.Core.Modules;

/// <summary>A per-user line a module puts on the home page ("You have a survey to answer: …"), linking to
/// <see cref="Href"/>. <see cref="Message"/> and <see cref="LinkText"/> are localization keys; <see cref="Args"/> fill
/// <see cref="Message"/>'s placeholders (names, dates: already as they should be shown).</summary>
public sealed record HomeNotice(string Message, IReadOnlyList<object> Args, string Href, string LinkText, int Order = 100);

/// <summary>A module's source of home-page notices for the signed-in user (registered with
/// <see cref="ModuleServiceCollectionExtensions.AddHomeNotices{T}"/>, scoped; the home page asks every source).</summary>
public interface IHomeNotices
{
    Task<IReadOnlyList<HomeNotice>> ForAsync(ClaimsPrincipal user, CancellationToken ct);
}
