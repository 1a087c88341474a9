using MediatR;
using Portal.Modules.Surveys.Invitations;

namespace Portal.Modules.Surveys.Campaigns;

/// <summary>Sends a campaign: invites every contact of its audience to the campaign's template version, in batches of
/// <see cref="Batch"/> (one short transaction each, so a large campaign never holds one long transaction). Sending the
/// same campaign again invites only contacts added since: sv_invitations is UNIQUE (subject_kind, subject_id, email).</summary>
internal sealed class CampaignSender(IMediator mediator, CampaignStore campaigns, InvitationStore invitations)
{
    public const int Batch = 50;
    public const string EmailTemplate = "surveys.campaign";

    /// <summary>The number of new invitations, or null when there is no such campaign.</summary>
    public async Task<int?> SendAsync(long campaignId, IReadOnlyCollection<long> chosenOrganisations, CancellationToken ct)
    {
        if (await campaigns.FindAsync(campaignId, ct) is not { } campaign) return null;
        var chosen = campaign.Audience == "product" ? [] : chosenOrganisations.Count > 0 ? chosenOrganisations : await campaigns.OrganisationIdsAsync(campaignId, ct);
        var audience = await CampaignAudience.ResolveAsync(mediator, chosen, campaign.ProductCode, ct);
        await campaigns.AddOrganisationsAsync(campaignId, audience.Organisations.Select(o => o.Organisation.Id), ct);
        var versionId = await campaigns.VersionIdAsync(campaignId, ct);
        var invites = audience.Organisations
            .SelectMany(o => o.Contacts.Select(contact => new NewInvitation(SurveySubject.Campaign, campaignId, campaign.Name,
                campaign.Name, campaign.Name, contact.UserId, o.Organisation.Id, contact.Email, contact.Language,
                ProductCode: campaign.ProductCode, TemplateVersionId: versionId, EmailTemplate: EmailTemplate)))
            .DistinctBy(i => i.Email.ToUpperInvariant())
            .ToList();
        var made = 0;
        foreach (var batch in invites.Chunk(Batch))
            made += (await invitations.InviteManyAsync(batch, ct)).Count(id => id is not null);
        return made;
    }
}
