using System.Data.Common;
using System.Globalization;
using Dapper;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Surveys.Contracts;

namespace Portal.Modules.Surveys.FollowUps;

/// <summary>Runs in the transaction that stores a response (answered link or recorded by staff): publishes
/// <see cref="SurveyNeedsFollowUp"/> through the outbox when <see cref="FollowUpRule"/> says so, and when the response
/// answers the re-survey of a follow-up (the invitation about the follow-up's request), records that follow-up's outcome.</summary>
internal static class FollowUpTrigger
{
    public static async Task OnResponseStoredAsync(DbConnection c, DbTransaction tx, IOutbox outbox, long responseId)
    {
        var ratings = await RatingsAsync(c, tx, responseId);
        var needed = FollowUpRule.Needed(ratings);
        if (needed)
            await outbox.EnqueueAsync(c, tx, new SurveyNeedsFollowUp(responseId), string.Create(CultureInfo.InvariantCulture, $"surveys.followup:{responseId}"));
        await c.ExecuteAsync("""
            UPDATE sv_followups SET outcome = @outcome, resurvey_response_id = @responseId
            WHERE outcome IS NULL AND request_id = (
                SELECT i.subject_id FROM sv_responses r JOIN sv_invitations i ON i.id = r.invitation_id
                WHERE r.id = @responseId AND i.subject_kind = 'request')
            """, new { outcome = needed ? "unsatisfied" : "satisfied", responseId }, tx);
    }

    /// <summary>The response's rating answers, the overall question marked.</summary>
    public static async Task<List<FollowUpRule.Rated>> RatingsAsync(DbConnection c, DbTransaction? tx, long responseId)
    {
        var overall = await c.ExecuteScalarAsync<long?>("""
            SELECT q.id FROM sv_responses r JOIN sv_questions q ON q.version_id = r.template_version_id JOIN sv_sections s ON s.id = q.section_id
            WHERE r.id = @responseId AND q.kind = 'rating' ORDER BY s.position DESC, q.position DESC LIMIT 1
            """, new { responseId }, tx);
        var answers = await c.QueryAsync<RatingRow>("""
            SELECT a.question_id AS QuestionId, a.rating AS Rating FROM sv_answers a JOIN sv_questions q ON q.id = a.question_id
            WHERE a.response_id = @responseId AND q.kind = 'rating'
            """, new { responseId }, tx);
        return [.. answers.Select(a => new FollowUpRule.Rated(a.QuestionId, a.Rating, a.QuestionId == overall))];
    }

    private sealed class RatingRow
    {
        public long QuestionId { get; init; }
        public int? Rating { get; init; }
    }
}
