namespace Portal.Modules.Training.Attendance;

public enum AttendanceOutcome
{
    Saved,
    NotFound,
    NotStarted,
    SessionCancelled,
}
