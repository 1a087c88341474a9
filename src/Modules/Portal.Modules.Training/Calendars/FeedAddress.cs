using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Training.Calendars;

/// <summary>The signed-in contact's personal feed URL (shared by "My trainings" and the feed page):
/// read it, or replace it by a new one.</summary>
public static class FeedAddress
{
    /// <summary>The current URL, or null when the contact has none yet.</summary>
    public sealed record Query(ClaimsPrincipal User) : IRequest<string?>;

    /// <summary>A new URL; the old one stops working. Null when the user is not a customer contact.</summary>
    public sealed record Regenerate(ClaimsPrincipal User) : IRequest<string?>;

    internal sealed class Handler(FeedTokens tokens, IOptions<PortalOptions> portal) : IRequestHandler<Query, string?>, IRequestHandler<Regenerate, string?>
    {
        public async Task<string?> Handle(Query query, CancellationToken ct) =>
            Contact(query.User) is { } user && await tokens.CurrentAsync(user, ct) is { } token ? Url(token) : null;

        public async Task<string?> Handle(Regenerate command, CancellationToken ct) =>
            Contact(command.User) is { } user ? Url(await tokens.RegenerateAsync(user, ct)) : null;

        private static long? Contact(ClaimsPrincipal user) => user.IsStaff() || user.OrganisationId() is null ? null : user.UserId();

        private string Url(string token) => string.Create(CultureInfo.InvariantCulture, $"{portal.Value.BaseUrl.TrimEnd('/')}/Training/Feed/{token}.ics");
    }
}
