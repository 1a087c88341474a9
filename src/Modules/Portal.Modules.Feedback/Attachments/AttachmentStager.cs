using Microsoft.Extensions.Options;
using Portal.Modules.Core.Files;

namespace Portal.Modules.Feedback.Attachments;

public enum StageOutcome
{
    Staged,
    TooLarge,
    Disallowed,
}

/// <summary>Streams one attachment into the file store (hashed and fsynced as it streams), after
/// checking its extension against the allow-list; a file over the limit leaves nothing behind.</summary>
public sealed class AttachmentStager(IFileStore files, IOptions<FeedbackOptions> options)
{
    public async Task<(StageOutcome Outcome, StagedAttachment? File)> StageAsync(string fileName, Stream content, UploadKey? upload, CancellationToken ct)
    {
        var name = FileTypes.CleanName(fileName);
        if (!options.Value.IsAllowed(name)) return (StageOutcome.Disallowed, null);
        try
        {
            var stored = await files.SaveAsync(content, options.Value.MaxAttachmentBytes, upload, ct);
            return (StageOutcome.Staged, new StagedAttachment(stored.Key, name, stored.Size, stored.Sha256, stored.Repeated));
        }
        catch (FileTooLargeException)
        {
            return (StageOutcome.TooLarge, null);
        }
    }

    public void Discard(IEnumerable<StagedAttachment> staged)
    {
        foreach (var file in staged) files.Delete(file.Key);
    }
}
