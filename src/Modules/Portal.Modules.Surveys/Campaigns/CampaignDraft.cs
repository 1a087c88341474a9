namespace Portal.Modules.Surveys.Campaigns;

/// <summary>What staff entered for a new campaign. <see cref="Audience"/> is "organisations" (the chosen
/// <see cref="OrganisationIds"/>) or "product" (every organisation with <see cref="ProductCode"/> installed).</summary>
public sealed record CampaignDraft(string? Name, long? TemplateId, string? Audience, IReadOnlyList<long> OrganisationIds, string? ProductCode)
{
    public const int MaxNameLength = 200;

    public bool ByProduct => Audience == "product";
}

/// <summary>A validation error: the form field and the English message (localized by the page).</summary>
public sealed record CampaignError(string Field, string Message);

/// <summary>How many a campaign would invite: per organisation its contacts.</summary>
public sealed record CampaignPreview(IReadOnlyList<CampaignPreview.Line> Organisations)
{
    public sealed record Line(long OrganisationId, string Name, int Contacts);

    public int ContactCount => Organisations.Sum(o => o.Contacts);
}
