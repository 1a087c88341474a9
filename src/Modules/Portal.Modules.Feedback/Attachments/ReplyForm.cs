using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using Portal.Modules.Feedback.Attachments;

namespace Portal.Modules.Feedback.Attachments;

/// <summary>Reads a reply form (text and attachments) for the customer's and the staff's reply
/// pages: each file is staged through <c>stage</c> as it streams; the first refused file stops the
/// staging of the rest and is reported as an already localized message.</summary>
public static class ReplyForm
{
    public const int TextLength = 20_000;

    public static async Task<(StreamedForm? Form, List<StagedAttachment> Staged, string? Error, bool TooLarge)> ReadAsync(HttpContext http,
        IAntiforgery antiforgery, IStringLocalizer localizer, FeedbackOptions o, Func<string, Stream, string?, Task<(StageOutcome Outcome, StagedAttachment? File)>> stage,
        CancellationToken ct)
    {
        var staged = new List<StagedAttachment>();
        string? error = null;
        var tooLarge = false;
        var form = await StreamedForm.ReadAsync(http, antiforgery, (o.MaxAttachmentBytes + 1024 * 1024) * o.MaxAttachmentsPerPost, async (name, body, uploadKey) =>
        {
            if (error is not null) return;
            if (staged.Count >= o.MaxAttachmentsPerPost)
            {
                error = localizer["At most {0} attachments at a time.", o.MaxAttachmentsPerPost];
                return;
            }
            var result = await stage(name, body, uploadKey);
            if (result.File is { } file) staged.Add(file);
            else if (tooLarge = result.Outcome == StageOutcome.TooLarge)
                error = localizer["The attachment {0} is larger than {1}.", name, Requests.Sizes.Format(o.MaxAttachmentBytes)];
            else error = localizer["Files of the type of {0} cannot be attached. Allowed: {1}", name, string.Join(" ", o.AllowedExtensions)];
        }, ct);
        return (form, staged, error, tooLarge);
    }

    /// <summary>What is wrong with a reply's text (localized), or null.</summary>
    public static string? Check(string? text, IStringLocalizer localizer) =>
        string.IsNullOrWhiteSpace(text) ? localizer["Write a reply."].Value
        : text.Length > TextLength ? localizer["A reply may have at most 20,000 characters."].Value
        : null;
}
