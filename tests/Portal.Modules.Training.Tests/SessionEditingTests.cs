using System.Net;
using Xunit;

namespace Portal.Modules.Training.Tests;

public sealed class SessionEditingTests
{
    public static TheoryData<string> Providers => Portal.Testing.TestDatabase.Providers;

    private static Dictionary<string, string> Session(long course, DateTime starts, DateTime? ends = null, DateTime? until = null, int capacity = 20,
        string place = "南昌培训中心", string link = "") => new()
    {
        ["Input.CourseId"] = course.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Starts"] = TrainingWebKit.Local(starts), ["Input.Ends"] = TrainingWebKit.Local(ends ?? starts.AddHours(8)),
        ["Input.EnrollUntil"] = TrainingWebKit.Local(until ?? starts.AddDays(-7)), ["Input.Place"] = place, ["Input.OnlineUrl"] = link,
        ["Input.Instructor"] = "王工", ["Input.Capacity"] = capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffPlanASessionInTheVendorTimeZoneAndEveryChangeRaisesItsSequence(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS");
        var course = await kit.CourseAsync("KMS-ADMIN-BASIC", "KMS");
        var staff = await kit.StaffAsync();
        var starts = TrainingWebKit.LocalNow.Date.AddDays(40).AddHours(9);
        var created = await TrainingWebKit.PostAsync(staff, "/Training/Manage/Sessions/Edit", "/Training/Manage/Sessions/Edit", Session(course, starts));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await kit.ScalarAsync<long>("SELECT id FROM tr_sessions");
        var stored = await kit.ScalarAsync<DateTimeOffset>("SELECT starts_at FROM tr_sessions");
        Assert.Equal(new DateTimeOffset(starts, TimeSpan.FromHours(8)), stored);
        Assert.Equal(0, await kit.ScalarAsync<int>("SELECT sequence FROM tr_sessions"));

        var page = $"/Training/Manage/Sessions/Edit/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await TrainingWebKit.PostAsync(staff, page, page, Session(course, starts.AddHours(1)))).StatusCode);
        Assert.Equal(1, await kit.ScalarAsync<int>("SELECT sequence FROM tr_sessions"));
        Assert.Equal(HttpStatusCode.Redirect, (await TrainingWebKit.PostAsync(staff, page, page + "?handler=Cancel", [])).StatusCode);
        Assert.Equal("cancelled", await kit.ScalarAsync<string>("SELECT status FROM tr_sessions"));
        Assert.Equal(2, await kit.ScalarAsync<int>("SELECT sequence FROM tr_sessions"));

        var again = await TrainingWebKit.PostAsync(staff, page, page, Session(course, starts));
        Assert.Contains("已取消或已完成的培训场次不能再修改。", await TrainingWebKit.ErrorsAsync(again));
        Assert.Equal(2, await kit.ScalarAsync<int>("SELECT sequence FROM tr_sessions"));
    }

    private static readonly (string Bad, string Message)[] Mistakes =
    [
        ("end-before-start", "结束时间必须晚于开始时间。"),
        ("capacity-0", "名额至少为 1 人。"),
        ("deadline-after-start", "报名截止时间不能晚于开始时间。"),
        ("javascript-link", "在线链接必须是完整的 http 或 https 地址。"),
        ("no-place", "请输入培训地点或在线链接。"),
    ];

    public static TheoryData<string, string, string> BadSessions
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var provider in Portal.Testing.TestDatabase.Providers)
                foreach (var (bad, message) in Mistakes) data.Add(provider, bad, message);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BadSessions))]
    public async Task AnImpossibleSessionIsRefusedWithAClearMessageAndNothingStored(string provider, string bad, string message)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS");
        var course = await kit.CourseAsync("KMS-ADMIN-BASIC", "KMS");
        var staff = await kit.StaffAsync();
        var starts = TrainingWebKit.LocalNow.Date.AddDays(40).AddHours(9);
        var fields = bad switch
        {
            "end-before-start" => Session(course, starts, ends: starts.AddHours(-1)),
            "capacity-0" => Session(course, starts, capacity: 0),
            "deadline-after-start" => Session(course, starts, until: starts.AddDays(1)),
            "javascript-link" => Session(course, starts, link: "javascript:alert(1)"),
            _ => Session(course, starts, place: ""),
        };
        var response = await TrainingWebKit.PostAsync(staff, "/Training/Manage/Sessions/Edit", "/Training/Manage/Sessions/Edit", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await TrainingWebKit.ErrorsAsync(response));
        Assert.Equal(0, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM tr_sessions"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnOnlineSessionWithAnHttpsLinkIsAccepted(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        await kit.ProductAsync("AFC");
        var course = await kit.CourseAsync("AFC-EXPERT-TOPIC", "AFC", mode: "topic", audience: "expert");
        var staff = await kit.StaffAsync();
        var starts = TrainingWebKit.LocalNow.Date.AddDays(10).AddHours(14);
        var response = await TrainingWebKit.PostAsync(staff, "/Training/Manage/Sessions/Edit", "/Training/Manage/Sessions/Edit",
            Session(course, starts, place: "", link: "https://meeting.example.com/afc-topic"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://meeting.example.com/afc-topic", await kit.ScalarAsync<string>("SELECT online_url FROM tr_sessions"));
    }
}
