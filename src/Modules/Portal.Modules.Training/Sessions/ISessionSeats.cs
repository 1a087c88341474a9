namespace Portal.Modules.Training.Sessions;

/// <summary>How many seats of each session are taken. Enrollment replaces the default (nothing taken
/// while no enrollment exists) with its own count.</summary>
public interface ISessionSeats
{
    Task<IReadOnlyDictionary<long, int>> TakenAsync(IReadOnlyCollection<long> sessions, CancellationToken ct);
}

internal sealed class NoSeatsTaken : ISessionSeats
{
    public Task<IReadOnlyDictionary<long, int>> TakenAsync(IReadOnlyCollection<long> sessions, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<long, int>>(new Dictionary<long, int>());
}
