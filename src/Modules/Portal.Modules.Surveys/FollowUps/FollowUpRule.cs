namespace Portal.Modules.Surveys.FollowUps;

/// <summary>When a response needs a follow-up ("follow up until satisfied", 直至客户满意为止): any rating of
/// <see cref="LowRating"/> or less, or the overall rating of <see cref="LowOverall"/> or less. The overall question is
/// the template's last rating question (by section, then question position): 总体表现 in the shipped forms. "Not
/// applicable" and unanswered questions never count. A re-survey that does not need a follow-up ends it satisfied.</summary>
internal static class FollowUpRule
{
    public const int LowRating = 2;
    public const int LowOverall = 3;

    /// <summary>A rating answer in the version's question order; <see cref="IsOverall"/> on the last rating question.</summary>
    public sealed record Rated(long QuestionId, int? Rating, bool IsOverall);

    public static bool Needed(IEnumerable<Rated> ratings) => ratings.Any(IsLow);

    public static bool IsLow(Rated r) => r.Rating is { } rating && (rating <= LowRating || (r.IsOverall && rating <= LowOverall));
}
