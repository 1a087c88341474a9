namespace Portal.Modules.Training.Enrollments;

/// <summary>How an enrollment attempt ended. The refusals store nothing.</summary>
public enum EnrollOutcome
{
    Enrolled,
    Waitlisted,
    Requested,
    NotFound,
    AlreadyEnrolled,
    DeadlinePassed,
    SessionCancelled,
    SessionPast,
    NotAColleague,
}

/// <summary>How a cancellation ended.</summary>
public enum CancelOutcome
{
    Cancelled,
    NotFound,
    TooLate,
}
