using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;
using Portal.Modules.Training.Courses;
using Portal.Modules.Training.Sessions;

namespace Portal.Modules.Training.Content;

/// <summary>content/demo/training.yaml: sessions of the imported courses on days relative to the import
/// day (<see cref="DemoDate"/>), so the demo calendar is never empty. Demo mode only, and only while
/// tr_sessions is empty (idempotent). Each session goes through <see cref="SessionRules"/> and
/// <see cref="SessionStore"/> like the staff pages; <c>status: completed</c> completes it afterwards.</summary>
internal sealed class DemoSessionsImporter(IDb db, CourseStore courses, SessionStore sessions, IOptions<PortalOptions> portal, TimeProvider clock) : IContentImporter
{
    public const string FileName = "training.yaml";

    /// <summary>After the courses (60).</summary>
    public int Order => 65;

    internal sealed class DemoFile
    {
        public List<DemoSession> Sessions { get; set; } = [];
    }

    internal sealed class DemoSession
    {
        public string Course { get; set; } = "";
        public string Day { get; set; } = "";
        public string Time { get; set; } = "09:00";
        public int? Hours { get; set; }
        public string? Place { get; set; }
        public string? OnlineUrl { get; set; }
        public string? Instructor { get; set; }
        public int Capacity { get; set; } = 20;
        public int EnrollDaysBefore { get; set; } = 3;
        public string Status { get; set; } = "scheduled";
    }

    public async Task ImportAsync(ContentImport import, CancellationToken ct)
    {
        var path = import.PathOf("demo", FileName);
        if (!import.Demo || !File.Exists(path)) return;
        await using (var c = await db.OpenAsync(ct))
        {
            if (await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM tr_sessions", cancellationToken: ct)) > 0) return;
        }
        var demo = Yaml.Read<DemoFile>(import, path);
        if (demo is null) return;
        var zone = portal.Value.VendorTimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var byCode = (await courses.ListAsync(activeOnly: false, ct)).ToDictionary(c => c.Code, StringComparer.Ordinal);
        foreach (var s in demo.Sessions)
        {
            var what = $"{s.Course} {s.Day}";
            if (!byCode.TryGetValue(s.Course, out var course)) { import.Error(path, null, $"{what}: unknown course"); continue; }
            if (!DemoDate.TryResolve(s.Day, today, out var day)) { import.Error(path, null, $"{what}: day must be today, today-N, today+N or yyyy-MM-dd"); continue; }
            if (!TimeOnly.TryParseExact(s.Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) { import.Error(path, null, $"{what}: time must be HH:mm"); continue; }
            if (s.Status is not ("scheduled" or "completed")) { import.Error(path, null, $"{what}: status must be scheduled or completed"); continue; }
            var starts = day.ToDateTime(time);
            var input = new SessionInput
            {
                CourseId = course.Id, Starts = starts, Ends = starts.AddHours(s.Hours ?? course.DurationHours), EnrollUntil = starts.AddDays(-s.EnrollDaysBefore),
                Place = s.Place, OnlineUrl = s.OnlineUrl, Instructor = s.Instructor, Capacity = s.Capacity,
            };
            var (problems, times) = SessionRules.Check(input, zone);
            if (times is null) { import.Error(path, null, $"{what}: {string.Join(" ", problems.Select(p => p.Message))}"); continue; }
            var (_, id) = await sessions.SaveAsync(null, course.Id, times, input, ct);
            if (s.Status == "completed") await sessions.SetStatusAsync(id, "completed", ct);
            import.Count("demo training sessions");
        }
    }
}
