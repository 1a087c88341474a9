using System.Net;
using Xunit;

namespace Portal.Modules.Training.Tests;

public sealed class CourseEditingTests
{
    public static TheoryData<string> Providers => Portal.Testing.TestDatabase.Providers;

    private static Dictionary<string, string> Course(string product, string code = "KMS-ADMIN-BASIC") => new()
    {
        ["Input.Code"] = code, ["Input.ProductCode"] = product, ["Input.TitleZh"] = "KMS 系统管理员基础培训", ["Input.TitleEn"] = "KMS administrators: basics",
        ["Input.OutlineZh"] = "- 架构", ["Input.OutlineEn"] = "- Architecture", ["Input.Audience"] = "administrator", ["Input.Level"] = "basic",
        ["Input.Mode"] = "central", ["Input.DurationHours"] = "16", ["Input.Certifies"] = "true", ["Input.CertificateMonths"] = "24", ["Input.IsActive"] = "true",
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffAddACourseOfACatalogProductAndSeeItListed(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS");
        var staff = await kit.StaffAsync();
        var response = await TrainingWebKit.PostAsync(staff, "/Training/Manage/Courses/Edit", "/Training/Manage/Courses/Edit", Course("KMS"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(24, await kit.ScalarAsync<int>("SELECT certificate_months FROM tr_courses WHERE code = 'KMS-ADMIN-BASIC'"));
        var list = await TrainingWebKit.PageAsync(staff, "/Training/Manage/Courses");
        Assert.Contains("KMS 系统管理员基础培训", list.QuerySelector("[data-testid=courses]")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ACourseOfAnUnknownProductOrADuplicateCodeIsRefusedWithAMessage(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS");
        await kit.CourseAsync("KMS-ADMIN-BASIC", "KMS");
        var staff = await kit.StaffAsync();
        var unknown = await TrainingWebKit.PostAsync(staff, "/Training/Manage/Courses/Edit", "/Training/Manage/Courses/Edit", Course("NOPE", "NEW-ONE"));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("请从产品目录中选择产品。", await TrainingWebKit.ErrorsAsync(unknown));
        var duplicate = await TrainingWebKit.PostAsync(staff, "/Training/Manage/Courses/Edit", "/Training/Manage/Courses/Edit", Course("KMS"));
        Assert.Contains("已有其他课程使用此代码。", await TrainingWebKit.ErrorsAsync(duplicate));
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM tr_courses"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffUploadMaterialsThatAreServedOnlyAsAnAttachmentAndNotToCustomers(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS");
        var course = await kit.CourseAsync("KMS-ADMIN-BASIC", "KMS");
        var staff = await kit.StaffAsync();
        var page = $"/Training/Manage/Courses/Edit/{course}";
        var upload = await TrainingWebKit.PostAsync(staff, page, page + "?handler=Upload", [], ("讲义.html", "<script>alert(1)</script>"u8.ToArray()));
        Assert.True(upload.StatusCode == HttpStatusCode.Redirect, $"{(int)upload.StatusCode} {string.Join(" | ", await TrainingWebKit.ErrorsAsync(upload))}");
        var id = await kit.ScalarAsync<long>("SELECT id FROM tr_materials");
        var file = await staff.GetAsync($"/Training/Material/{id}");
        Assert.True(file.StatusCode == HttpStatusCode.OK, $"{(int)file.StatusCode} {file.Headers.Location}");
        Assert.Equal("application/octet-stream", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        var customer = await kit.CustomerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/Training/Material/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Training/Material/{id}/other.html")).StatusCode);
    }
}
