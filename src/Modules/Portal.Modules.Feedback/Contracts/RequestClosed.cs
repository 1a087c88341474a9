using MediatR;

namespace Portal.Modules.Feedback.Contracts;

/// <summary>A service request was closed: confirmed by the customer, closed by staff, or closed
/// automatically when a proposed solution went unanswered (<paramref name="Reason"/>: "confirmed",
/// "staff", "auto"). Written to the outbox in the closing transaction; a request reopened and closed
/// again publishes it again (<paramref name="Closing"/> numbers the closings). <paramref name="AssigneeName"/> is the
/// engineer the request was assigned to when it closed, else the staff member who closed it, else null.</summary>
public sealed record RequestClosed(long RequestId, string Reference, long OrganisationId, long ContactUserId, string ContactEmail,
    string ContactLanguage, string Type, string ProductCode, string Reason, DateTimeOffset ClosedAt, int Closing, string? AssigneeName = null) : INotification;
