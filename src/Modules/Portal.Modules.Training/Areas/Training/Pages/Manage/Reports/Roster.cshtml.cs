using Portal.Web.Export;
using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Reports;
using Portal.Modules.Training.Sessions;
using Portal.Web.Paging;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage.Reports;

/// <summary>Staff: who is enrolled in a session, from which organisation, and whether they attended.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class RosterModel(IMediator mediator) : PageModel
{
    public SessionRow? Session { get; private set; }
    public PagedList<RosterLine> Lines { get; private set; } = PagedList<RosterLine>.Empty;
    public string Sort { get; private set; } = "name";

    public async Task<IActionResult> OnGetAsync(long id, string? sort, int? p, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(User, id, sort), ct);
        if (result is null) return Forbid();
        if (result.Session is null) return NotFound();
        Session = result.Session;
        Sort = result.Sort;
        var page = Math.Clamp(p ?? 1, 1, PagedList<RosterLine>.MaxPage);
        var size = PagedList<RosterLine>.DefaultPageSize;
        Lines = new PagedList<RosterLine>([.. result.Lines.Skip((page - 1) * size).Take(size)], page, size, result.Lines.Count);
        return Page();
    }

    /// <summary>Null when the user is not staff; Session null when it does not exist.</summary>
    public sealed record Query(ClaimsPrincipal User, long SessionId, string? Sort) : IRequest<Result?>;

    public sealed record Result(SessionRow? Session, IReadOnlyList<RosterLine> Lines, string Sort);

    internal sealed class Handler(SessionStore sessions, TrainingReports reports) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var sort = TrainingReports.RosterSorts.Contains(query.Sort) ? query.Sort! : "name";
            if (await sessions.FindAsync(query.SessionId, ct) is not { } session) return new Result(null, [], sort);
            return new Result(session, await reports.RosterAsync(session.Id, sort, ct), sort);
        }
    }

    /// <summary>The roster as CSV, labels in the user's language.</summary>
    internal static byte[] ToCsv(Result result, IStringLocalizer L, TimeZoneInfo zone)
    {
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        var s = result.Session!;
        return CsvFile.Write(
            [L["Course"], L["Start"], L["Trainee"], L["Email"], L["Organisation"], L["Enrollment"], L["Billing"], L["Attendance"]],
            result.Lines.Select(l => (IReadOnlyList<string>)[
                s.Title(chinese), SessionRules.Local(s.StartsAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                l.TraineeName, l.TraineeEmail, l.Organisation, L[ReportLabels.State(l.State)], L[ReportLabels.Billing(l.Billing)],
                l.State == "enrolled" ? L[ReportLabels.Attendance(l.Attendance)] : ""]));
    }
}
