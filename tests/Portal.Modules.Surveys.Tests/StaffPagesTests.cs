using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Xunit;

namespace Portal.Modules.Surveys.Tests;

public sealed class StaffPagesTests
{
    public static TheoryData<string> Providers => Portal.Testing.TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CustomersAndVisitorsCannotReachTheTemplatePagesNorSaveAVersion(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var id = await kit.ImportShippedAsync();
        var customer = await kit.CustomerAsync();
        var anonymous = kit.App.Browser();
        var staff = await kit.StaffAsync();
        foreach (var url in new[] { "/Surveys/Manage/Templates", $"/Surveys/Manage/Templates/{id}", $"/Surveys/Manage/Templates/Edit/{id}" })
        {
            var refused = await customer.GetAsync(url);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/Error/403", StringComparison.Ordinal) == true,
                $"{url}: expected forbidden, got {(int)refused.StatusCode} {refused.Headers.Location}");
            Assert.Contains("/Account/SignIn", (await anonymous.GetAsync(url)).Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url)).StatusCode);
        }
        var list = await SurveysWebKit.PageAsync(staff, "/Surveys/Manage/Templates");
        Assert.Equal(3, list.QuerySelectorAll("[data-testid=templates] tbody tr").Length);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Surveys/Manage/Templates/999999")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheSaveHandlerRefusesACustomerEvenWithoutThePage(string provider)
    {
        await using var kit = await SurveysWebKit.StartAsync(provider);
        var id = await kit.ImportShippedAsync();
        var customer = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Portal.Modules.Core.Security.PortalRoles.Customer)], "test"));
        await using var scope = kit.App.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<MediatR.IMediator>();
        var content = new SurveyTemplates.TemplateContent { TitleZh = "新", TitleEn = "New", Sections = [new() { TitleZh = "一", TitleEn = "One", Questions = [new() { TextZh = "好", TextEn = "Good" }] }] };
        var saved = await mediator.Send(new Areas.Surveys.Pages.Manage.Templates.EditModel.Save(customer, id, content));
        Assert.Equal(Areas.Surveys.Pages.Manage.Templates.EditModel.Outcome.Forbidden, saved.Outcome);
        Assert.Equal(1, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM sv_template_versions WHERE template_id = @id", new { id }));
    }
}
