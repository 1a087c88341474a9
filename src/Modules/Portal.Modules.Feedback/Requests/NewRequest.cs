namespace Portal.Modules.Feedback.Requests;

/// <summary>A checked submission, ready to store.</summary>
public sealed record NewRequest(long OrganisationId, Actor Contact, string ContactEmail, string ContactLanguage, string ContactPhone,
    string Type, string ProductCode, string ProductVersion, int? Severity, string Title, string Description);
