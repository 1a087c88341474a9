namespace Portal.Modules.Training.Reports;

/// <summary>One organisation's free trainings in one contract year of one service period.</summary>
public sealed record OrganisationTrainingUse(
    long OrganisationId, string OrganisationCode, string OrganisationName, string ProductCode,
    DateOnly YearStart, DateOnly YearEnd, int Allowed, int Used)
{
    public int Left => Math.Max(0, Allowed - Used);
}
