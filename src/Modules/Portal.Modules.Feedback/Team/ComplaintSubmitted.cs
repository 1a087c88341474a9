using MediatR;

namespace Portal.Modules.Feedback.Team;

/// <summary>A customer submitted a complaint: written to the outbox with the request, so the
/// service supervisors are told even when the process stops right after the submission.</summary>
public sealed record ComplaintSubmitted(long RequestId) : INotification;
