using Portal.Web.Export;
using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Reports;
using Portal.Modules.Training.Sessions;
using Portal.Web.Paging;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage.Reports;

/// <summary>Staff: per course, sessions held in a date range (vendor days, both included), enrolled,
/// attended, absent and the attendance rate. Without a range: the last twelve months.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class AttendanceModel(IMediator mediator, IStringLocalizer localizer, IOptions<PortalOptions> portal, TimeProvider clock) : PageModel
{
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public string Sort { get; private set; } = "course";
    public PagedList<CourseAttendance> Rows { get; private set; } = PagedList<CourseAttendance>.Empty;

    public async Task<IActionResult> OnGetAsync(DateOnly? from, DateOnly? to, string? sort, int? p, CancellationToken ct)
    {
        if (await LoadAsync(from, to, sort, ct) is not { } rows) return Forbid();
        var page = Math.Clamp(p ?? 1, 1, PagedList<CourseAttendance>.MaxPage);
        var size = PagedList<CourseAttendance>.DefaultPageSize;
        Rows = new PagedList<CourseAttendance>([.. rows.Skip((page - 1) * size).Take(size)], page, size, rows.Count);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(DateOnly? from, DateOnly? to, string? sort, CancellationToken ct)
    {
        if (await LoadAsync(from, to, sort, ct) is not { } rows) return Forbid();
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        var csv = CsvFile.Write(
            [localizer["Code"], localizer["Course"], localizer["Sessions held"], localizer["Enrolled"], localizer["Attended"], localizer["Absent"], localizer["Attendance rate"]],
            rows.Select(r => (IReadOnlyList<string>)[
                r.Code, r.Title(chinese), N(r.Sessions), N(r.Enrolled), N(r.Attended), N(r.Absent), r.RatePercent is { } rate ? N(rate) + "%" : ""]));
        return File(csv, CsvFile.ContentType, string.Create(CultureInfo.InvariantCulture, $"attendance-{From:yyyyMMdd}-{To:yyyyMMdd}.csv"));
    }

    private async Task<IReadOnlyList<CourseAttendance>?> LoadAsync(DateOnly? from, DateOnly? to, string? sort, CancellationToken ct)
    {
        var zone = portal.Value.VendorTimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        To = to ?? today;
        From = from ?? To.AddYears(-1).AddDays(1);
        if (From > To) (From, To) = (To, From);
        var result = await mediator.Send(new Query(User,
            SessionRules.Instant(From.ToDateTime(TimeOnly.MinValue), zone), SessionRules.Instant(To.AddDays(1).ToDateTime(TimeOnly.MinValue), zone), sort), ct);
        if (result is null) return null;
        Sort = result.Sort;
        return result.Rows;
    }

    public sealed record Query(ClaimsPrincipal User, DateTimeOffset From, DateTimeOffset To, string? Sort) : IRequest<Result?>;

    public sealed record Result(IReadOnlyList<CourseAttendance> Rows, string Sort);

    internal sealed class Handler(TrainingReports reports) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var sort = TrainingReports.AttendanceSorts.Contains(query.Sort) ? query.Sort! : "course";
            return new Result(await reports.AttendanceAsync(query.From, query.To, sort, ct), sort);
        }
    }
}
