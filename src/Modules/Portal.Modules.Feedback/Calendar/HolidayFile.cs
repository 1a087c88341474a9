using System.Globalization;
using Portal.Modules.Feedback.Domain;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portal.Modules.Feedback.Calendar;

/// <summary>Reads a holiday calendar file (content/holidays/&lt;year&gt;.yaml, or an upload in the same
/// format): a list of holidays, each with its name, the days off and the make-up working days.
/// <code>
/// - name: 国庆节
///   off: 2026-10-01..2026-10-07        # a day, a range "from..to", or a list of them
///   workdays: [2026-09-20, 2026-10-10]  # days normally off that are worked (调休)
/// </code></summary>
internal static class HolidayFile
{
    public const int MaxNameLength = 100;
    private const int MaxRangeDays = 31;
    private static readonly string[] Keys = ["name", "off", "workdays"];

    public sealed record Error(int? Line, string Message)
    {
        public string For(string file) => Line is null ? $"{file}: {Message}" : $"{file}:{Line}: {Message}";
    }

    public sealed record Result(IReadOnlyList<HolidayDay> Days, IReadOnlyList<Error> Errors);

    /// <summary>The year a file name stands for ("2026.yaml"), or null.</summary>
    public static int? YearOf(string fileName) =>
        Path.GetExtension(fileName) is ".yaml" or ".yml" && int.TryParse(Path.GetFileNameWithoutExtension(fileName), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && y is >= 2000 and <= 2999 ? y : null;

    /// <param name="year">The year the file is for: its dates must be in it (or in the month either side, for holidays around New Year).</param>
    /// <param name="hours">The working week: a make-up working day must be a day it does not already work.</param>
    public static Result Read(TextReader text, int? year, BusinessHours hours)
    {
        var errors = new List<Error>();
        var days = new List<HolidayDay>();
        void Fail(YamlNode? node, string message) => errors.Add(new Error(node is null ? null : (int)node.Start.Line, message));

        YamlSequenceNode? list;
        try
        {
            var yaml = new YamlStream();
            yaml.Load(text);
            if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                Fail(null, "the file lists no holidays");
                return new Result([], errors);
            }
            list = yaml.Documents[0].RootNode as YamlSequenceNode;
            if (list is null)
            {
                Fail(yaml.Documents[0].RootNode, "the file must be a list of holidays: - { name: ..., off: ..., workdays: [...] }");
                return new Result([], errors);
            }
        }
        catch (YamlException ex)
        {
            var problem = Portal.Modules.Core.Content.Yaml.Problem(ex);
            errors.Add(new Error(problem.Line, $"column {problem.Column}: {problem.Message}"));
            return new Result([], errors);
        }

        var seen = new Dictionary<DateOnly, int>();
        foreach (var item in list)
        {
            if (item is not YamlMappingNode map)
            {
                Fail(item, "each holiday is a mapping: { name: ..., off: ..., workdays: [...] }");
                continue;
            }
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!Keys.Contains(name, StringComparer.Ordinal)) Fail(key, $"unknown key '{name}' (allowed: {string.Join(", ", Keys)})");
            }
            var nameNode = Child(map, "name");
            var holiday = (nameNode as YamlScalarNode)?.Value?.Trim();
            if (string.IsNullOrEmpty(holiday))
            {
                Fail(nameNode ?? map, "a holiday needs a name");
                continue;
            }
            if (holiday.Length > MaxNameLength) Fail(nameNode, $"the name may have at most {MaxNameLength} characters");
            var off = Child(map, "off");
            var work = Child(map, "workdays");
            if (off is null && work is null) Fail(map, $"'{holiday}' lists no days: give off and/or workdays");

            foreach (var (kind, node) in new[] { (HolidayKind.Holiday, off), (HolidayKind.Workday, work) })
            {
                if (node is null) continue;
                IEnumerable<YamlNode> entries = node is YamlSequenceNode seq ? seq : [node];
                foreach (var entry in entries)
                {
                    foreach (var day in Dates(entry, kind == HolidayKind.Holiday ? "off" : "workdays", Fail))
                    {
                        var line = (int)entry.Start.Line;
                        if (seen.TryGetValue(day, out var first))
                        {
                            Fail(entry, $"{Format(day)} is listed twice (first on line {first})");
                            continue;
                        }
                        seen[day] = line;
                        if (year is { } y && (day < new DateOnly(y - 1, 12, 1) || day > new DateOnly(y + 1, 1, 31)))
                            Fail(entry, $"{Format(day)} is not in {y}, the year of the file");
                        else if (kind == HolidayKind.Workday && hours.Days.Contains(day.DayOfWeek))
                            Fail(entry, $"{Format(day)} is a {day.DayOfWeek}, already a working day: a make-up working day is a day normally off, such as a Saturday or Sunday");
                        else if (holiday.Length <= MaxNameLength)
                            days.Add(new HolidayDay(day, kind, holiday));
                    }
                }
            }
        }
        return new Result(errors.Count == 0 ? days : [], errors);
    }

    private static List<DateOnly> Dates(YamlNode node, string key, Action<YamlNode?, string> fail)
    {
        var text = (node as YamlScalarNode)?.Value?.Trim() ?? "";
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (node is not YamlScalarNode || parts.Length > 2 || parts.Any(p => ParseDate(p) is null))
        {
            fail(node, $"{key} takes dates like 2026-10-01 or ranges like 2026-10-01..2026-10-07, not '{text}'");
            return [];
        }
        var (from, to) = (ParseDate(parts[0])!.Value, ParseDate(parts[^1])!.Value);
        if (to < from)
        {
            fail(node, $"the range {text} ends before it starts");
            return [];
        }
        if (to.DayNumber - from.DayNumber >= MaxRangeDays)
        {
            fail(node, $"the range {text} is longer than {MaxRangeDays} days");
            return [];
        }
        return [.. Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)];
    }

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
