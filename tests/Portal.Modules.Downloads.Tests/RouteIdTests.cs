using System.Globalization;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Downloads.Tests;

public sealed class RouteIdTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_id_in_the_form_does_not_override_the_release_in_the_url(string provider)
    {
        await using var kit = await DownloadsWebKit.StartAsync(provider);
        await kit.ProductAsync("KMS", "8.5.0", "8.5.1", "8.5.2");
        var staff = await kit.StaffAsync();
        var (first, _) = await kit.ReleaseAsync("KMS", "8.5.1", "patch", [1]);
        var (second, _) = await kit.ReleaseAsync("KMS", "8.5.2", "patch", [2]);

        await staff.PostFormAsync($"/Downloads/Manage/Edit/{first}?handler=Unpublish",
            new() { ["Id"] = second.ToString(CultureInfo.InvariantCulture), ["id"] = second.ToString(CultureInfo.InvariantCulture) },
            $"/Downloads/Manage/Edit/{first}");

        Assert.Equal("draft", await kit.ScalarAsync<string>("SELECT status FROM dl_releases WHERE id = @first", new { first }));
        Assert.Equal("published", await kit.ScalarAsync<string>("SELECT status FROM dl_releases WHERE id = @second", new { second }));
    }
}
