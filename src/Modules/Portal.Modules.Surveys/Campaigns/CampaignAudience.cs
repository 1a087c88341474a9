using MediatR;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Surveys.Campaigns;

/// <summary>Who a campaign invites: every contact (ListOrganisationContacts) of the chosen organisations, or of every
/// active organisation with an installation of the product (ListProductInstallations), resolved when it is previewed
/// and again each time it is sent. <see cref="Organisations"/> keeps those without contacts (shown, invite nobody).</summary>
internal sealed record CampaignAudience(IReadOnlyList<CampaignAudience.Member> Organisations)
{
    public sealed record Member(OrganisationInfo Organisation, IReadOnlyList<OrganisationContact> Contacts);

    public int ContactCount => Organisations.Sum(o => o.Contacts.Count);

    /// <summary>The audience; unknown and inactive organisations are left out.</summary>
    public static async Task<CampaignAudience> ResolveAsync(IMediator mediator, IReadOnlyCollection<long> organisationIds, string productCode,
        CancellationToken ct)
    {
        var wanted = productCode.Length > 0
            ? [.. (await mediator.Send(new ListProductInstallations(productCode), ct)).Select(i => i.OrganisationId)]
            : organisationIds.ToHashSet();
        var members = new List<Member>();
        foreach (var organisation in (await mediator.Send(new ListOrganisations(), ct)).Where(o => o.IsActive && wanted.Contains(o.Id)))
            members.Add(new Member(organisation, await mediator.Send(new ListOrganisationContacts(organisation.Id), ct)));
        return new CampaignAudience(members);
    }
}
