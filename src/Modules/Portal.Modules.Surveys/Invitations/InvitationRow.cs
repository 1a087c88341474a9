namespace Portal.Modules.Surveys.Invitations;

/// <summary>A sv_invitations row as the answering page needs it.</summary>
internal sealed class InvitationRow
{
    public long Id { get; set; }
    public long TemplateVersionId { get; set; }
    public long TemplateId { get; set; }
    public long VersionNumber { get; set; }
    public long OrganisationId { get; set; }
    public string Language { get; set; } = "";
    public string SubjectLabel { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public long? UserId { get; set; }
    public string Email { get; set; } = "";
}
