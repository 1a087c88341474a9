using Portal.Web.Export;
using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Reports;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage.Reports;

/// <summary>Staff: a session's roster as CSV for Excel (see <see cref="Csv"/>).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class RosterCsvModel(IMediator mediator, IStringLocalizer localizer, IOptions<PortalOptions> portal) : PageModel
{
    /// <summary>The route has no :long constraint (<c>{id}.csv</c>); a non-number binds to 0 and answers 404.</summary>
    public async Task<IActionResult> OnGetAsync(long id, string? sort, CancellationToken ct)
    {
        var result = await mediator.Send(new RosterModel.Query(User, id, sort), ct);
        if (result is null) return Forbid();
        if (result.Session is null) return NotFound();
        var name = string.Create(CultureInfo.InvariantCulture, $"roster-{result.Session.CourseCode}-{result.Session.StartsAt:yyyyMMdd}-{id}.csv");
        return File(RosterModel.ToCsv(result, localizer, portal.Value.VendorTimeZone), CsvFile.ContentType, name);
    }
}
