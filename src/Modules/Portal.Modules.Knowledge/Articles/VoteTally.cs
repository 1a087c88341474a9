namespace Portal.Modules.Knowledge.Articles;

public sealed record VoteTally(long Helpful, long NotHelpful, IReadOnlyList<VoteRow> Recent);
