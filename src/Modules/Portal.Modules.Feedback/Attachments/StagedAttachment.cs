namespace Portal.Modules.Feedback.Attachments;

/// <summary>A file already in the store, not yet recorded: recorded with the request or reply it
/// came with, or deleted when that is refused.</summary>
public sealed record StagedAttachment(string Key, string FileName, long Size, string Sha256);
