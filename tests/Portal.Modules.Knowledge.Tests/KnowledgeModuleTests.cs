using Portal.Testing;
using Xunit;

namespace Portal.Modules.Knowledge.Tests;

public sealed class KnowledgeModuleTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_portal_starts_with_the_knowledge_module(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        using var response = await app.Browser().GetAsync("/");
        Assert.True(response.IsSuccessStatusCode);
    }
}
