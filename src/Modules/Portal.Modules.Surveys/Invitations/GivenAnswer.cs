namespace Portal.Modules.Surveys.Invitations;

/// <summary>One checked answer: a rating 1..5 (or not applicable), a choice position, a text, a remark.</summary>
internal sealed record GivenAnswer(long QuestionId, int? Rating, bool NotApplicable, int? Choice, string? Text, string? Remark);
