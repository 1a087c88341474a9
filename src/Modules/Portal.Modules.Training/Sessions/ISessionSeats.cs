namespace Portal.Modules.Training.Sessions;

/// <summary>How many seats of each session are taken (Enrollments.EnrolledSeats counts them).</summary>
public interface ISessionSeats
{
    Task<IReadOnlyDictionary<long, int>> TakenAsync(IReadOnlyCollection<long> sessions, CancellationToken ct);
}
