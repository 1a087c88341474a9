namespace Portal.Modules.Training.Sessions;

/// <summary>A session as staff enter it: times are wall-clock times in the vendor time zone.</summary>
public sealed class SessionInput
{
    public long? CourseId { get; set; }
    public DateTime? Starts { get; set; }
    public DateTime? Ends { get; set; }
    public DateTime? EnrollUntil { get; set; }
    public string? Place { get; set; }
    public string? OnlineUrl { get; set; }
    public string? Instructor { get; set; }
    public int? Capacity { get; set; }
}
