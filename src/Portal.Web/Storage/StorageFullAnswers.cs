using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portal.Modules.Core.Storage;

namespace Portal.Web.Storage;

/// <summary>How a request whose write was refused for lack of space is answered: the error page
/// with status 507 ("storage is full, staff have been told"), and one critical log line for the
/// whole episode (<see cref="StorageAlarm"/>) instead of an exception logged per request.</summary>
internal static class StorageFullAnswers
{
    public static ExceptionHandlerOptions ExceptionHandler(StorageAlarm alarm) => new()
    {
        ExceptionHandlingPath = "/Error/500",
        StatusCodeSelector = exception => StorageFull.Is(exception) ? StatusCodes.Status507InsufficientStorage : StatusCodes.Status500InternalServerError,
        SuppressDiagnosticsCallback = context =>
        {
            if (!StorageFull.Is(context.Exception)) return false;
            alarm.Raise(context.Exception, $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}");
            return true;
        },
    };
}
