using System.Net;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Knowledge.Tests;

/// <summary>Issue 18 §3: an article attachment sent again with the same upload key (the answer to
/// the first was lost) is stored and listed once, and the retry gets the success answer.</summary>
public sealed class KnowledgeUploadRetryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_attachment_sent_twice_is_kept_once_and_a_new_form_attaches_again(string provider)
    {
        await using var kit = await KnowledgeTestKit.StartAsync(provider, shippedContent: false);
        var staff = await kit.StaffAsync();
        var id = await kit.ScalarAsync<long>("SELECT id FROM kb_articles WHERE lang = 'zh' AND slug = 'kb-test-public-faq'");
        var bytes = "retried attachment"u8.ToArray();

        var form = await FormAsync(staff, id);
        var sent = await PostAsync(staff, id, form, bytes);
        var resent = await PostAsync(staff, id, form, bytes);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(sent.StatusCode, resent.StatusCode);
        Assert.Equal(sent.Headers.Location, resent.Headers.Location);
        Assert.Equal(1L, await kit.ScalarAsync<long>($"SELECT COUNT(*) FROM kb_files WHERE article_id = {id}"));
        Assert.Equal(1, StoredFiles(kit));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(staff, id, await FormAsync(staff, id), bytes)).StatusCode);
        Assert.Equal(2L, await kit.ScalarAsync<long>($"SELECT COUNT(*) FROM kb_files WHERE article_id = {id}"));
        Assert.Equal(2, StoredFiles(kit));
    }

    private static int StoredFiles(KnowledgeTestKit kit)
    {
        var root = Path.Combine(kit.App.Database.DataPath, "files");
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count(f => Path.GetFileName(Path.GetDirectoryName(f)!).Length == 2);
    }

    private static async Task<(string Token, string UploadKey)> FormAsync(HttpClient staff, long id)
    {
        var editor = await staff.GetDocumentAsync($"/Knowledge/Manage/Edit?id={id}");
        string Field(string name) => editor.QuerySelector($"form[enctype='multipart/form-data'] input[name={name}]")!.GetAttribute("value")!;
        return (Field("__RequestVerificationToken"), Field("UploadKey"));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient staff, long id, (string Token, string UploadKey) form, byte[] bytes)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.Token), "__RequestVerificationToken" },
            { new StringContent(form.UploadKey), "UploadKey" },
            { new ByteArrayContent(bytes), "upload", "notes.txt" },
        };
        return await staff.PostAsync($"/Knowledge/Manage/Edit?id={id}&handler=Upload", content);
    }
}
