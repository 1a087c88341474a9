using System.Security.Claims;
using MediatR;
using Portal.Modules.Core.Security;
using Portal.Web.Formatting;

namespace Portal.Modules.Training.Certificates;

/// <summary>The signed-in trainee's certificates with their status today ("My trainings").</summary>
public sealed record MyCertificates(ClaimsPrincipal User) : IRequest<IReadOnlyList<MyCertificates.Item>>
{
    public sealed record Item(CertificateRow Row, string Status);

    internal sealed class Handler(CertificateStore store, DisplayTime time, TimeProvider clock) : IRequestHandler<MyCertificates, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(MyCertificates query, CancellationToken ct)
        {
            if (query.User.UserId() is not { } user) return [];
            var today = time.Day(clock.GetUtcNow());
            return [.. (await store.OfTraineeAsync(user, ct)).Select(r => new Item(r, r.Status(today)))];
        }
    }
}
