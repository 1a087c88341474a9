using MediatR;

namespace Portal.Modules.Feedback.Contracts;

/// <summary>Opens a complaint for a satisfaction-survey follow-up (sent by Surveys when a response was rated low).
/// It is an ordinary request: numbered, with the SLA of the organisation's contract for <paramref name="ProductCode"/>
/// (when "" the organisation's first installed product is used), the "received" email to the contact, and it
/// appears in the staff queue. Idempotent per <paramref name="ResponseId"/> (the Surveys response): asking again
/// returns the request opened the first time and opens nothing new.</summary>
public sealed record OpenFollowUpRequest(long ResponseId, long OrganisationId, long ContactUserId, string ContactName, string ContactEmail,
    string ContactLanguage, string ProductCode, string Title, string Description) : IRequest<FollowUpOpened>;

/// <summary>The follow-up request: its id and reference (FB-2026-000123).</summary>
public sealed record FollowUpOpened(long RequestId, string Reference);

/// <summary>The survey response a request follows up, or null when it is not a survey follow-up.</summary>
public sealed record GetFollowUpResponse(long RequestId) : IRequest<long?>;
