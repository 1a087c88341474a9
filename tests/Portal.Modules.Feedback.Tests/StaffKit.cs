using System.Globalization;
using AngleSharp.Html.Parser;
using Portal.Modules.Core.Security;
using Portal.Testing;

namespace Portal.Modules.Feedback.Tests;

/// <summary>Staff personas and the staff request page's forms, for the queue and workflow tests.</summary>
internal static class StaffKit
{
    public const string AdminKey = "JBSWY3DPEHPK3PXP";
    private static readonly HtmlParser Parser = new();

    /// <summary>A signed-in staff member and their user id; a service supervisor when asked.</summary>
    public static async Task<(long Id, HttpClient Browser)> StaffMemberAsync(FeedbackWebKit kit, string email, bool supervisor = false, string language = "zh-CN")
    {
        var user = await kit.App.CreateUserAsync(email, FeedbackWebKit.Password, PortalRoles.Staff, language: language);
        if (supervisor)
        {
            await kit.ExecuteAsync("""
                INSERT INTO fb_team (user_id, display_name, email, tier, is_lead, is_supervisor, updated_at)
                VALUES (@Id, @Name, @Email, 1, @False, @True, @Now)
                """, new { user.Id, Name = user.DisplayName, Email = email, False = false, True = true, Now = DateTimeOffset.UtcNow });
        }
        return (user.Id, await kit.App.SignInAsync(email, FeedbackWebKit.Password));
    }

    public static async Task<(long Id, HttpClient Browser)> AdminAsync(FeedbackWebKit kit, string email = "admin@portal.example")
    {
        var user = await kit.App.CreateUserAsync(email, FeedbackWebKit.Password, PortalRoles.Admin, authenticatorKey: AdminKey);
        return (user.Id, await kit.App.SignInAsync(email, FeedbackWebKit.Password, AdminKey));
    }

    public static string Page(long id) => string.Create(CultureInfo.InvariantCulture, $"/Feedback/Manage/Request/{id}");

    /// <summary>Posts one of the request page's forms (handler Assign, Status, Escalate, Severity, Reopen) with the given row version.</summary>
    /// <param name="formPage">Where the antiforgery token is taken from (default: the request page itself).</param>
    public static Task<HttpResponseMessage> StepAsync(HttpClient staff, long id, string handler, int rowVersion, Dictionary<string, string>? fields = null,
        string? formPage = null)
    {
        var all = fields ?? [];
        all["RowVersion"] = rowVersion.ToString(CultureInfo.InvariantCulture);
        return staff.PostFormAsync($"{Page(id)}?handler={handler}", all, formPage ?? Page(id));
    }

    /// <summary>Posts the staff reply form (streamed multipart) with the given row version.</summary>
    public static Task<HttpResponseMessage> ReplyAsync(HttpClient staff, long id, int rowVersion, string text, bool isInternal, string? statusAfter = null,
        params (string Name, byte[] Bytes)[] files)
    {
        var fields = new Dictionary<string, string>
        {
            ["RowVersion"] = rowVersion.ToString(CultureInfo.InvariantCulture), ["Text"] = text,
            ["Visibility"] = isInternal ? "internal" : "public", ["StatusAfter"] = statusAfter ?? "",
        };
        return FeedbackWebKit.PostMultipartAsync(staff, string.Create(CultureInfo.InvariantCulture, $"/Feedback/Manage/Reply/{id}"), fields, files);
    }

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> DocumentAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    public static async Task<int> RowVersionAsync(FeedbackWebKit kit, long id) =>
        (int)await kit.ScalarAsync<long>("SELECT row_version FROM fb_requests WHERE id = @id", new { id });
}
