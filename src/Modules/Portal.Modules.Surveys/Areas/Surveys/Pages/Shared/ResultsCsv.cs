using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Portal.Modules.Surveys.Results;
using Portal.Web.Export;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Shared;

/// <summary>Sends an export as a CSV download written straight to the response body (no buffering of the file).</summary>
internal static class ResultsCsv
{
    public static async Task<IActionResult> SendAsync(PageModel page, ExportResults.Result? export, CancellationToken ct)
    {
        if (export is null) return page.Forbid();
        var response = page.Response;
        response.ContentType = CsvFile.ContentType;
        response.Headers.CacheControl = GeneratedFilesNoStore.CacheControl;
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileNameStar = export.FileName }.ToString();
        await export.WriteAsync(response.Body, ct);
        return new EmptyResult();
    }
}
