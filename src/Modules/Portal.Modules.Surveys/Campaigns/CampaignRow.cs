namespace Portal.Modules.Surveys.Campaigns;

/// <summary>A campaign with its template version and counts: invited (invitations made), answered, and the response
/// rate answered / invited (null when nobody was invited).</summary>
public sealed class CampaignRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public long TemplateId { get; set; }
    public string TemplateTitleZh { get; set; } = "";
    public string TemplateTitleEn { get; set; } = "";
    public long Version { get; set; }
    public string Audience { get; set; } = "";
    public string ProductCode { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public long Invited { get; set; }
    public long Answered { get; set; }

    public string TemplateTitle(bool chinese) => chinese ? TemplateTitleZh : TemplateTitleEn;

    public double? ResponseRate => Invited == 0 ? null : (double)Answered / Invited;
}

/// <summary>One organisation of a campaign with its counts.</summary>
public sealed record CampaignOrganisation(long OrganisationId, string Name, long Invited, long Answered);
