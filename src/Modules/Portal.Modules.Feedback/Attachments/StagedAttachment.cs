namespace Portal.Modules.Feedback.Attachments;

/// <summary>A file already in the store, not yet recorded: recorded with the request or reply it
/// came with, or deleted when that is refused.</summary>
/// <param name="Repeated">Stored by an earlier try of the same form (its upload key): the post may already be recorded.</param>
public sealed record StagedAttachment(string Key, string FileName, long Size, string Sha256, bool Repeated = false);
