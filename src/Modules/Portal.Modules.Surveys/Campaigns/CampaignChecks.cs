using MediatR;
using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Surveys.Campaigns;

/// <summary>Checks a draft and works out its audience: a name (at most 200 characters), an existing template, and
/// at least one organisation or an existing product; a campaign that would invite nobody is refused too.</summary>
internal sealed class CampaignChecks(IMediator mediator, CampaignStore campaigns)
{
    public async Task<(IReadOnlyList<CampaignError> Errors, long? VersionId, CampaignPreview? Preview)> CheckAsync(CampaignDraft draft, CancellationToken ct)
    {
        var errors = new List<CampaignError>();
        var name = draft.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new("Input.Name", "Enter a name for the campaign."));
        else if (name.Length > CampaignDraft.MaxNameLength) errors.Add(new("Input.Name", "The name may have at most 200 characters."));
        var versionId = draft.TemplateId is { } template ? await campaigns.CurrentVersionAsync(template, ct) : null;
        if (versionId is null) errors.Add(new("Input.TemplateId", "Choose a survey template."));
        var product = "";
        if (draft.ByProduct)
        {
            var code = draft.ProductCode?.Trim() ?? "";
            if (code.Length == 0 || await mediator.Send(new GetProduct(code), ct) is null) errors.Add(new("Input.ProductCode", "Choose a product."));
            else product = code;
        }
        else if (draft.Audience != "organisations") errors.Add(new("Input.Audience", "Choose who to invite: chosen organisations or those with a product."));
        else if (draft.OrganisationIds.Count == 0) errors.Add(new("Input.OrganisationIds", "Choose at least one organisation."));
        if (errors.Count > 0) return (errors, null, null);

        var audience = await CampaignAudience.ResolveAsync(mediator, draft.ByProduct ? [] : draft.OrganisationIds, product, ct);
        var preview = new CampaignPreview([.. audience.Organisations.Select(o => new CampaignPreview.Line(o.Organisation.Id, o.Organisation.Name, o.Contacts.Count))]);
        if (preview.ContactCount == 0)
            errors.Add(new(draft.ByProduct ? "Input.ProductCode" : "Input.OrganisationIds",
                "Nobody would be invited: the chosen organisations have no contacts with a confirmed email."));
        return (errors, versionId, preview);
    }
}
