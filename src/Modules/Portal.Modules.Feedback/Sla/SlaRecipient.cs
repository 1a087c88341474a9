namespace Portal.Modules.Feedback.Sla;

/// <summary>A staff member an SLA warning goes to: the assignee or a lead of the request's tier.</summary>
internal sealed record SlaRecipient(long UserId, string Email, string Name, string Language);
