using System.Net;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Downloads.Tests;

/// <summary>Issue 18 §3: a staff upload sent again with the same upload key (the answer to the
/// first was lost) stores nothing twice and answers as the first did; a new form makes a new key.</summary>
public sealed class UploadRetryTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_same_upload_sent_twice_is_stored_once_and_answered_alike(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "8.5.2");
        var staff = await kit.StaffAsync();
        var (release, first) = await kit.ReleaseAsync("KMS", "8.5.2", "tool", [1], published: false);
        var bytes = DownloadsWebKit.Bytes(50_000);

        var form = await FormAsync(staff, $"/Downloads/Manage/Upload/{release}");
        var sent = await PostAsync(staff, $"/Downloads/Manage/Upload/{release}", form, bytes);
        var resent = await PostAsync(staff, $"/Downloads/Manage/Upload/{release}", form, bytes);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(sent.Headers.Location, resent.Headers.Location);
        Assert.Equal(2L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM dl_files WHERE release_id = @release", new { release }));
        Assert.Equal(2, PublishingTests.StoredFiles(kit));

        // A replacement retried: the old file is replaced once, and the retry answers the new file.
        var replace = await FormAsync(staff, $"/Downloads/Manage/Upload/{release}?replaces={first}");
        var replaced = await PostAsync(staff, $"/Downloads/Manage/Upload/{release}?replaces={first}", replace, bytes);
        var replacedAgain = await PostAsync(staff, $"/Downloads/Manage/Upload/{release}?replaces={first}", replace, bytes);
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Equal(replaced.Headers.Location, replacedAgain.Headers.Location);
        Assert.Equal(3L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM dl_files WHERE release_id = @release", new { release }));
        Assert.Equal(3, PublishingTests.StoredFiles(kit));

        var another = await PostAsync(staff, $"/Downloads/Manage/Upload/{release}", await FormAsync(staff, $"/Downloads/Manage/Upload/{release}"), bytes);
        Assert.Equal(HttpStatusCode.Redirect, another.StatusCode);
        Assert.NotEqual(sent.Headers.Location, another.Headers.Location);
        Assert.Equal(4L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM dl_files WHERE release_id = @release", new { release }));
        Assert.Equal(4, PublishingTests.StoredFiles(kit));
    }

    private static async Task<(string Token, string UploadKey)> FormAsync(HttpClient staff, string url)
    {
        var page = await staff.GetDocumentAsync(url);
        string Field(string name) => page.QuerySelector($"input[name={name}]")!.GetAttribute("value")!;
        return (Field("__RequestVerificationToken"), Field("UploadKey"));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient staff, string url, (string Token, string UploadKey) form, byte[] bytes)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.Token), "__RequestVerificationToken" },
            { new StringContent(form.UploadKey), "UploadKey" },
            { new ByteArrayContent(bytes), "file", "tool.zip" },
        };
        return await staff.PostAsync(url, content);
    }
}
