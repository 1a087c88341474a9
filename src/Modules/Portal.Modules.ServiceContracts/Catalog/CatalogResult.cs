using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Portal.Modules.ServiceContracts.Catalog;

public enum CatalogStatus
{
    Done,
    Forbidden,
    NotFound,
    Invalid,

    /// <summary>Someone else saved the record since the form was loaded.</summary>
    Conflict,
}

/// <summary>The outcome of a catalog or installation command. <see cref="Error"/> is a localization
/// key (English, optionally with {0} placeholders filled from <see cref="Args"/>) for the form field
/// <see cref="Field"/> ("" for the whole form).</summary>
public sealed record CatalogResult(CatalogStatus Status, string Field = "", string? Error = null, object[]? Args = null)
{
    public static readonly CatalogResult Done = new(CatalogStatus.Done);
    public static readonly CatalogResult Forbidden = new(CatalogStatus.Forbidden);
    public static readonly CatalogResult NotFound = new(CatalogStatus.NotFound);
    public static readonly CatalogResult Conflict = new(CatalogStatus.Conflict);

    public static CatalogResult Invalid(string field, string error, params object[] args) => new(CatalogStatus.Invalid, field, error, args);

    public bool Succeeded => Status == CatalogStatus.Done;
}

internal static class CatalogResultExtensions
{
    /// <summary>For a failed command: 403, 404, or the localized error added to the model state
    /// (then null: the page re-renders itself). A conflict is left to the page.</summary>
    public static IActionResult? FailureResponse(this PageModel page, CatalogResult result, IStringLocalizer localizer)
    {
        switch (result.Status)
        {
            case CatalogStatus.Forbidden:
                return page.Forbid();
            case CatalogStatus.NotFound:
                return page.NotFound();
            case CatalogStatus.Invalid:
                page.ModelState.AddModelError(result.Field, localizer[result.Error ?? "The request could not be processed.", result.Args ?? []]);
                return null;
            default:
                return null;
        }
    }
}
