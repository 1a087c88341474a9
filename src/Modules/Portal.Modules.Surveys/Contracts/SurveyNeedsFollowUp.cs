using MediatR;

namespace Portal.Modules.Surveys.Contracts;

/// <summary>A stored survey response was rated low enough to need a follow-up (any rating of 2 or less, or the
/// overall rating — the template's last rating question — of 3 or less). Written to the outbox in the transaction
/// that stores the response (dedup key surveys.followup:{ResponseId}); Surveys opens the follow-up asynchronously.</summary>
public sealed record SurveyNeedsFollowUp(long ResponseId) : INotification;
