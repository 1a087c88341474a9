using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Access;
using Portal.Modules.Downloads.Domain;
using Portal.Modules.Downloads.Releases;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages;

/// <summary>"Updates for my installations": per installed product version of the customer's
/// organisation, the newer releases that apply to it and are not superseded, critical first, each
/// with the reason (<see cref="ReleaseAccess"/>'s) when the contract does not cover it.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class UpdatesModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User), ct) is not { } groups) return Forbid();
        Groups = groups;
        return Page();
    }

    /// <param name="Refusals">Why a listed release may not be downloaded now, by release id (absent when it may).</param>
    public sealed record Group(InstallationInfo Installation, ProductInfo? Product, IReadOnlyList<ReleaseRow> Releases,
        IReadOnlyDictionary<long, DownloadDecision> Refusals);

    public sealed record Query(ClaimsPrincipal User) : IRequest<IReadOnlyList<Group>?>;

    internal sealed class Handler(ReleaseQueries queries, ReleaseAccess access, IMediator mediator) : IRequestHandler<Query, IReadOnlyList<Group>?>
    {
        public async Task<IReadOnlyList<Group>?> Handle(Query query, CancellationToken ct)
        {
            if (query.User.OrganisationId() is not { } organisation) return null;
            var installations = await mediator.Send(new ListInstallations(organisation), ct);
            var groups = new List<Group>();
            // One group per installed product version (two sites on the same version share it).
            foreach (var byProduct in installations.GroupBy(i => i.ProductCode).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var published = await queries.PublishedWithSupersessionAsync(byProduct.Key, ct);
                var product = await mediator.Send(new GetProduct(byProduct.Key), ct);
                foreach (var installation in byProduct.DistinctBy(i => i.Version).OrderByDescending(i => i.Version))
                {
                    var releases = Updates.For(installation.Version, published);
                    var refusals = new Dictionary<long, DownloadDecision>();
                    foreach (var r in releases)
                    {
                        if (await access.ToFilesAsync(query.User, r, null, ct) is { Outcome: AccessOutcome.Refused, Entitlement: { } refusal })
                            refusals[r.Id] = refusal;
                    }
                    groups.Add(new Group(installation, product, releases, refusals));
                }
            }
            return groups;
        }
    }
}
