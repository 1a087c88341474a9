namespace Portal.Modules.Surveys.Invitations;

/// <summary>Who to invite about what. <see cref="SubjectZh"/>/<see cref="SubjectEn"/> name the subject in the email
/// ("服务请求 FB-2026-0001"); <see cref="SubjectLabel"/> is what lists show; <see cref="ProductCode"/>, <see cref="Engineer"/>
/// and <see cref="Instructor"/> are what results are broken down by ("" when not known). <see cref="TemplateVersionId"/>
/// names the version asked (a campaign's); null asks the current version of the template for the subject's purpose.
/// <see cref="EmailTemplate"/> is the invitation email's template (null: surveys.invitation).</summary>
internal sealed record NewInvitation(string SubjectKind, long SubjectId, string SubjectLabel, string SubjectZh, string SubjectEn,
    long? UserId, long OrganisationId, string Email, string Language, string ProductCode = "", string Engineer = "", string Instructor = "",
    long? TemplateVersionId = null, string? EmailTemplate = null);
