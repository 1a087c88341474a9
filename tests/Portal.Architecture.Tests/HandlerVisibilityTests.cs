using Portal.Architecture.Tests.Fixtures;
using Xunit;

namespace Portal.Architecture.Tests;

public sealed class HandlerVisibilityTests
{
    [Fact]
    public void Module_handlers_are_not_public()
    {
        var handlers = ModuleAssemblies.All.SelectMany(m => m.Assembly.GetTypes()).Where(HandlerVisibility.IsHandler).ToList();

        var visible = HandlerVisibility.PublicHandlers(handlers);

        Assert.True(visible.Count == 0, "Handlers should be internal sealed (only the mediator calls them):\n" + string.Join("\n", visible));
    }

    [Fact]
    public void Check_reports_only_handlers_visible_outside_the_assembly()
    {
        var visible = HandlerVisibility.PublicHandlers(
            [typeof(PublicFixtureHandler), typeof(InternalFixtureHandler), typeof(FixtureSlice.Handler), typeof(UsesContractsOnly)]);

        Assert.Equal([typeof(PublicFixtureHandler).FullName!], visible);
    }
}
