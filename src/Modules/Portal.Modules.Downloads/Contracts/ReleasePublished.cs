using MediatR;

namespace Portal.Modules.Downloads.Contracts;

/// <summary>A release became visible to customers for the first time. Written to the outbox in the
/// same transaction as the publishing; the Downloads module tells the contacts of every
/// organisation with the product installed.</summary>
public sealed record ReleasePublished(long ReleaseId) : INotification;
