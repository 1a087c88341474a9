using Portal.Testing;
using Xunit;

namespace Portal.Modules.Feedback.Tests;

/// <summary>content/holidays/&lt;year&gt;.yaml through the content importer, on both databases.</summary>
public sealed class HolidayImportTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheShippedCalendarImportsAndImportingAgainChangesNothing(string provider)
    {
        await using var kit = await HolidayTestKit.StartAsync(provider);
        kit.CopyShippedHolidays();

        var first = await kit.ImportAsync();

        Assert.Empty(first.Errors);
        // 2026: 3+9+3+5+3+3+7 days off and 6 make-up working days; 2027 (statutory days only): 1+4+1+2+1+1+3.
        Assert.Equal(33 + 6 + 13, first.Counts["holidays"]);
        Assert.Equal("workday", await kit.ScalarAsync<string>("SELECT kind FROM fb_holidays WHERE day = @Day", new { Day = new DateOnly(2026, 10, 10) }));
        Assert.Equal("国庆节", await kit.ScalarAsync<string>("SELECT name FROM fb_holidays WHERE day = @Day", new { Day = new DateOnly(2026, 9, 20) }));
        var revision = await kit.ScalarAsync<long>("SELECT revision FROM fb_holiday_revision");

        var second = await kit.ImportAsync();

        Assert.Empty(second.Errors);
        Assert.Empty(second.Counts);
        Assert.Equal(revision, await kit.ScalarAsync<long>("SELECT revision FROM fb_holiday_revision"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AChangedFileUpdatesItsDaysAndLeavesOthersAlone(string provider)
    {
        await using var kit = await HolidayTestKit.StartAsync(provider);
        kit.Write("holidays/2026.yaml", "- name: 国庆节\n  off: 2026-10-01..2026-10-07\n");
        await kit.ImportAsync();
        await kit.Store.SaveAsync(new Domain.HolidayDay(new DateOnly(2026, 12, 31), Domain.HolidayKind.Holiday, "公司年会"), null, 1, default);
        kit.Write("holidays/2026.yaml", "- name: National Day\n  off: 2026-10-01..2026-10-08\n  workdays: 2026-10-10\n");

        var again = await kit.ImportAsync();

        Assert.Empty(again.Errors);
        Assert.Equal(2, again.Counts["holidays"]);
        Assert.Equal(7, again.Counts["holidays updated"]);
        Assert.Equal(10L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_holidays"));
        Assert.Equal("National Day", await kit.ScalarAsync<string>("SELECT name FROM fb_holidays WHERE day = @Day", new { Day = new DateOnly(2026, 10, 1) }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task InvalidFilesAreReportedWithFileAndLineAndSkippedWhole(string provider)
    {
        await using var kit = await HolidayTestKit.StartAsync(provider);
        kit.Write("holidays/2026.yaml", "- name: 元旦\n  off: 2026-01-01\n");
        kit.Write("holidays/2027.yaml", """
            - name: 元旦
              off: 2027-01-01
              colour: red
            - name: 春节
              off: 2027-02-10..2027-02-05
              workdays: [2027-02-08, 2027-02-20]
            - off: 2027-04-05
            - name: 劳动节
              off: [2027-05-01, 2027-13-01, 2027-01-01]
            - name: 国庆节
              off: 2026-10-01
            """);
        kit.Write("holidays/next.yaml", "- name: x\n  off: 2027-01-01\n");
        kit.Write("holidays/2028.yaml", "- name: [unclosed\n");

        var import = await kit.ImportAsync();

        Assert.Equal(
            [
                "holidays/2027.yaml:3: unknown key 'colour' (allowed: name, off, workdays)",
                "holidays/2027.yaml:5: the range 2027-02-10..2027-02-05 ends before it starts",
                "holidays/2027.yaml:6: 2027-02-08 is a Monday, already a working day: a make-up working day is a day normally off, such as a Saturday or Sunday",
                "holidays/2027.yaml:7: a holiday needs a name",
                "holidays/2027.yaml:9: off takes dates like 2026-10-01 or ranges like 2026-10-01..2026-10-07, not '2027-13-01'",
                "holidays/2027.yaml:9: 2027-01-01 is listed twice (first on line 2)",
                "holidays/2027.yaml:11: 2026-10-01 is not in 2027, the year of the file",
            ],
            import.Errors.Where(e => e.StartsWith("holidays/2027", StringComparison.Ordinal)));
        Assert.Contains("holidays/next.yaml: a holiday calendar file is named after its year, e.g. holidays/2026.yaml", import.Errors);
        Assert.Contains(import.Errors, e => System.Text.RegularExpressions.Regex.IsMatch(e, @"^holidays/2028\.yaml:\d+: "));
        Assert.Equal(1, import.Counts["holidays"]);
        Assert.Equal(1L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM fb_holidays"));
    }
}
