namespace Portal.Modules.Feedback.Requests;

public enum WorkflowOutcome
{
    Done,
    NotFound,

    /// <summary>Someone changed the request since the page was loaded; nothing was changed.</summary>
    Conflict,

    /// <summary>The request is closed (and can no longer be reopened, where that was asked); nothing was changed.</summary>
    Closed,

    /// <summary>The step does not apply to the request's status; nothing was changed.</summary>
    NotAllowed,
}
