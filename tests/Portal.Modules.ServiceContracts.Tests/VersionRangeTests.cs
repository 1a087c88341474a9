using Portal.Modules.ServiceContracts.Contracts;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class VersionRangeTests
{
    [Theory]
    [InlineData(">=8.0 <8.6", "7.9.9", false)]
    [InlineData(">=8.0 <8.6", "8.0.0", true)]
    [InlineData(">=8.0 <8.6", "8.5.2", true)]
    [InlineData(">=8.0 <8.6", "8.5.99", true)]
    [InlineData(">=8.0 <8.6", "8.6.0", false)]
    [InlineData(">=8.5.0 <8.5.2", "8.5.1", true)]
    [InlineData(">=8.5.0 <8.5.2", "8.5.2", false)]
    [InlineData(">=8.5.0 <8.5.2", "8.4.9", false)]
    [InlineData("8.5.2", "8.5.2", true)]
    [InlineData("8.5.2", "8.5.3", false)]
    [InlineData("=8.5.2", "8.5.2", true)]
    [InlineData("8.5", "8.5.0", true)]
    [InlineData("8.5", "8.5.1", false)]
    [InlineData("*", "0.0.1", true)]
    [InlineData(" * ", "99.0.0", true)]
    [InlineData(">8.5.2", "8.5.2", false)]
    [InlineData(">8.5.2", "8.5.3", true)]
    [InlineData("<=9", "9.0.0", true)]
    [InlineData("<=9", "9.0.1", false)]
    [InlineData(">= 8.10 < 9", "8.10.0", true)]
    [InlineData(">= 8.10 < 9", "8.9.9", false)]
    public void Contains_versions_inside_the_range_only(string range, string version, bool contained) =>
        Assert.Equal(contained, VersionRange.Parse(range).Contains(ProductVersion.Parse(version)));

    [Theory]
    [InlineData(">=8.0 <8.6", ">=8.0.0 <8.6.0")]
    [InlineData("8.5.2", "=8.5.2")]
    [InlineData("*", "*")]
    [InlineData(">= 8 <= 9.1", ">=8.0.0 <=9.1.0")]
    public void Has_a_normal_form(string range, string normal)
    {
        Assert.Equal(normal, VersionRange.Parse(range).ToString());
        Assert.Equal(VersionRange.Parse(range), VersionRange.Parse(normal));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    [InlineData("   ", "empty")]
    [InlineData("8.x", "\"8.x\"")]
    [InlineData(">=8.0 <8.6 foo", "\"foo\"")]
    [InlineData("~8.5", "\"~8.5\"")]
    [InlineData("8.5.2.1", "\"8.5.2.1\"")]
    [InlineData(">=8.05", "\">=8.05\"")]
    [InlineData("* >=8.0", "\"*\"")]
    [InlineData(">=", "\">=\"")]
    [InlineData(">=8.6 <8.0", "matches no version")]
    [InlineData(">8.5.2 <8.5.2", "matches no version")]
    [InlineData("8.5.2 8.5.3", "matches no version")]
    public void Refuses_anything_else_and_says_what_is_wrong(string? range, string mention)
    {
        Assert.False(VersionRange.TryParse(range, out _, out var error));
        Assert.Contains(mention, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => VersionRange.Parse(range));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void Any_contains_everything_and_is_the_star()
    {
        Assert.True(VersionRange.Any.IsAny);
        Assert.True(VersionRange.Any.Contains(new ProductVersion(0, 0, 0)));
        Assert.Same(VersionRange.Any, VersionRange.Parse("*"));
        Assert.False(VersionRange.Parse(">=1").IsAny);
    }
}
