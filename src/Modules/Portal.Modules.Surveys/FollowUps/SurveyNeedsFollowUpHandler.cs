using System.Globalization;
using System.Text;
using Dapper;
using MediatR;
using Microsoft.Extensions.Logging;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Data;
using Portal.Modules.Feedback.Contracts;
using Portal.Modules.Surveys.Contracts;

namespace Portal.Modules.Surveys.FollowUps;

/// <summary>Opens the follow-up of a low-rated response: a complaint in Feedback (<see cref="OpenFollowUpRequest"/>,
/// idempotent per response) for the response's organisation, with the respondent as contact when they have an account
/// that is still a contact of the organisation, otherwise the organisation's first contact; titled "满意度调查跟进：…" /
/// "Survey follow-up: …" in the contact's language and listing the low-rated questions with their ratings and remarks.
/// Then links it in sv_followups (response_id UNIQUE), so a redelivered event opens and records nothing new.</summary>
internal sealed class SurveyNeedsFollowUpHandler(IDb db, IMediator mediator, TimeProvider clock, ILogger<SurveyNeedsFollowUpHandler> log)
    : INotificationHandler<SurveyNeedsFollowUp>
{
    private sealed class Source
    {
        public long ResponseId { get; init; }
        public long OrganisationId { get; init; }
        public long TemplateVersionId { get; init; }
        public long? UserId { get; init; }
        public string SubjectLabel { get; init; } = "";
        public string ProductCode { get; init; } = "";
        public string TitleZh { get; init; } = "";
        public string TitleEn { get; init; } = "";
    }

    private sealed class LowAnswer
    {
        public long QuestionId { get; init; }
        public string TextZh { get; init; } = "";
        public string TextEn { get; init; } = "";
        public int? Rating { get; init; }
        public string? Remark { get; init; }
    }

    public async Task Handle(SurveyNeedsFollowUp needed, CancellationToken ct)
    {
        Source? source;
        List<FollowUpRule.Rated> ratings;
        List<LowAnswer> answers;
        await using (var c = await db.OpenAsync(ct))
        {
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sv_followups WHERE response_id = @ResponseId", new { needed.ResponseId }) > 0) return;
            source = await c.QuerySingleOrDefaultAsync<Source>("""
                SELECT r.id AS ResponseId, r.organisation_id AS OrganisationId, r.template_version_id AS TemplateVersionId, i.user_id AS UserId,
                    i.subject_label AS SubjectLabel, i.product_code AS ProductCode, v.title_zh AS TitleZh, v.title_en AS TitleEn
                FROM sv_responses r JOIN sv_invitations i ON i.id = r.invitation_id JOIN sv_template_versions v ON v.id = r.template_version_id
                WHERE r.id = @ResponseId
                """, new { needed.ResponseId });
            if (source is null) return;
            ratings = await FollowUpTrigger.RatingsAsync(c, null, needed.ResponseId);
            answers = [.. await c.QueryAsync<LowAnswer>("""
                SELECT a.question_id AS QuestionId, q.text_zh AS TextZh, q.text_en AS TextEn, a.rating AS Rating, a.remark AS Remark
                FROM sv_answers a JOIN sv_questions q ON q.id = a.question_id JOIN sv_sections s ON s.id = q.section_id
                WHERE a.response_id = @ResponseId AND q.kind = 'rating' ORDER BY s.position, q.position
                """, new { needed.ResponseId })];
        }
        var low = ratings.Where(FollowUpRule.IsLow).Select(r => r.QuestionId).ToHashSet();
        if (low.Count == 0) return;
        var contacts = await mediator.Send(new ListOrganisationContacts(source.OrganisationId), ct);
        var contact = contacts.FirstOrDefault(x => x.UserId == source.UserId) ?? contacts.FirstOrDefault();
        if (contact is null)
        {
            log.LogWarning("Survey response {ResponseId} needs a follow-up but organisation {OrganisationId} has no contact to open it for.",
                source.ResponseId, source.OrganisationId);
            return;
        }
        var english = contact.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var subject = source.SubjectLabel.Length > 0 ? source.SubjectLabel : english ? source.TitleEn : source.TitleZh;
        var title = english ? $"Survey follow-up: {subject}" : $"满意度调查跟进：{subject}";
        var description = Describe(source, answers.Where(a => low.Contains(a.QuestionId)), english);
        var opened = await mediator.Send(new OpenFollowUpRequest(source.ResponseId, source.OrganisationId, contact.UserId, contact.DisplayName,
            contact.Email, english ? "en" : "zh-CN", source.ProductCode, title, description), ct);
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO sv_followups (response_id, template_version_id, organisation_id, request_id, request_reference, state, opened_at)
            VALUES (@ResponseId, @TemplateVersionId, @OrganisationId, @RequestId, @Reference, 'open', @now)
            ON CONFLICT DO NOTHING
            """, new { source.ResponseId, source.TemplateVersionId, source.OrganisationId, opened.RequestId, opened.Reference, now = clock.GetUtcNow() }, tx), ct);
    }

    private static string Describe(Source source, IEnumerable<LowAnswer> low, bool english)
    {
        var text = new StringBuilder();
        text.AppendLine(english
            ? string.Create(CultureInfo.InvariantCulture, $"The satisfaction survey response #{source.ResponseId} ({source.TitleEn}) was rated low. Please contact the customer and resolve the issues below until they are satisfied:")
            : string.Create(CultureInfo.InvariantCulture, $"满意度调查答卷 #{source.ResponseId}（{source.TitleZh}）评分较低，请与客户联系并处理以下问题，直至客户满意为止："));
        text.AppendLine();
        foreach (var a in low)
        {
            var rating = a.Rating?.ToString(CultureInfo.InvariantCulture) ?? "";
            text.Append(english ? $"- {a.TextEn}: {rating} of 5" : $"- {a.TextZh}：{rating} 分（满分 5 分）");
            if (!string.IsNullOrWhiteSpace(a.Remark)) text.Append(english ? $" — remark: {a.Remark.Trim()}" : $"；其他意见：{a.Remark.Trim()}");
            text.AppendLine();
        }
        return text.ToString();
    }
}
