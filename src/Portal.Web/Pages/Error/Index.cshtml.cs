using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Portal.Web.Pages.Error;

/// <summary>The friendly page for 403, 404, 500 and other status codes; never shows exception details.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(IStringLocalizer localizer) : PageModel
{
    public string Title { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        // The exception handler re-executes /Error/500; a visit with no code or one that is not an
        // error status (/Error, /Error/-1) is a page that does not exist, not a server error.
        // A re-executed POST can arrive without its route's code: the status being answered tells it.
        // The exception handler sets the status it chose (507 when storage is full) before re-executing.
        var reExecuted = (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null || HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
            && HttpContext.Response.StatusCode is >= 400 and <= 599;
        var status = reExecuted ? HttpContext.Response.StatusCode : code is >= 400 and <= 599 ? code.Value : 404;
        // Re-executed from the status-code middleware: the original status stays; direct visits get theirs.
        if (HttpContext.Response.StatusCode == 200) HttpContext.Response.StatusCode = status;
        (Title, Explanation) = status switch
        {
            403 => (localizer["Access denied"], localizer["You do not have permission to open this page. If you think you should, contact your administrator."]),
            404 => (localizer["Page not found"], localizer["The page you asked for does not exist or is not available to you."]),
            429 => (localizer["Too many requests"], localizer["Please wait a moment and try again."]),
            507 => (localizer["Storage is full"], localizer["Nothing was saved: the portal's storage is full. Staff have been told; please try again later."]),
            >= 500 => (localizer["Something went wrong"], localizer["An unexpected error occurred. It has been logged; please try again later."]),
            _ => (localizer["Request not valid"], localizer["The request could not be processed."]),
        };
        if (status >= 500) RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
