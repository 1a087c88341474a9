namespace Portal.Modules.Surveys.Invitations;

/// <summary>Who to invite about what. <see cref="SubjectZh"/>/<see cref="SubjectEn"/> name the subject in the email
/// ("服务请求 FB-2026-0001"); <see cref="SubjectLabel"/> is what lists show; <see cref="ProductCode"/>, <see cref="Engineer"/>
/// and <see cref="Instructor"/> are what results are broken down by ("" when not known).</summary>
internal sealed record NewInvitation(string SubjectKind, long SubjectId, string SubjectLabel, string SubjectZh, string SubjectEn,
    long? UserId, long OrganisationId, string Email, string Language, string ProductCode = "", string Engineer = "", string Instructor = "");
