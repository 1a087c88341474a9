using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Portal.Web.Export;

/// <summary>A file made for the caller (a CSV export, a knowledge export zip, a certificate) is private:
/// Cache-Control: no-store, so neither a shared proxy nor the browser's cache keeps a copy. Stored
/// files served by <see cref="Files.StoredFileResult"/> set their own caching and are not touched.
/// Registered for every page, so an export added later gets it too.</summary>
public sealed class GeneratedFilesNoStore : IResultFilter
{
    public const string CacheControl = "no-store";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is FileResult) context.HttpContext.Response.Headers.CacheControl = CacheControl;
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
