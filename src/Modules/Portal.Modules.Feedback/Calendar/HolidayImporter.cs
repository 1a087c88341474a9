using Microsoft.Extensions.Options;
using Portal.Modules.Core.Content;

namespace Portal.Modules.Feedback.Calendar;

/// <summary>content/holidays/&lt;year&gt;.yaml (format: <see cref="HolidayFile"/>). Idempotent: a day is
/// matched by its date, added when new and updated when its kind or name changed; days not in
/// the files are left alone (staff may have added them). A file with an error is reported with
/// file and line and skipped as a whole; the other files import.</summary>
internal sealed class HolidayImporter(HolidayStore store, IOptions<BusinessHoursOptions> options) : IContentImporter
{
    public const string Folder = "holidays";

    public int Order => 50;

    public async Task ImportAsync(ContentImport import, CancellationToken ct)
    {
        var root = import.PathOf(Folder);
        if (!Directory.Exists(root)) return;
        var hours = options.Value.ToHours();
        var days = new List<Domain.HolidayDay>();
        var seen = new Dictionary<DateOnly, string>();
        foreach (var path in Directory.EnumerateFiles(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (HolidayFile.YearOf(name) is not { } year)
            {
                import.MarkRead(path);
                import.Error(path, null, "a holiday calendar file is named after its year, e.g. holidays/2026.yaml");
                continue;
            }
            if (import.ReadText(path) is not { } text) continue;
            var result = HolidayFile.Read(new StringReader(text), year, hours);
            foreach (var error in result.Errors) import.Error(path, error.Line, error.Message);
            var clash = result.Days.FirstOrDefault(d => seen.ContainsKey(d.Day));
            if (clash is not null)
            {
                import.Error(path, null, $"{clash.Day:yyyy-MM-dd} is also in {seen[clash.Day]}");
                continue;
            }
            foreach (var day in result.Days) seen[day.Day] = name;
            days.AddRange(result.Days);
        }
        if (days.Count == 0) return;
        var counts = await store.ImportAsync(days, by: null, ct);
        if (counts.Added > 0) import.Count("holidays", counts.Added);
        if (counts.Updated > 0) import.Count("holidays updated", counts.Updated);
    }
}
