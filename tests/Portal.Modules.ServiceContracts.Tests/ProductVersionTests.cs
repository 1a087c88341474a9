using Portal.Modules.ServiceContracts.Contracts;
using Xunit;

namespace Portal.Modules.ServiceContracts.Tests;

public sealed class ProductVersionTests
{
    [Theory]
    [InlineData("8.5.2", 8, 5, 2)]
    [InlineData(" 10.0.0 ", 10, 0, 0)]
    [InlineData("0.0.1", 0, 0, 1)]
    public void Parses_major_minor_patch(string text, int major, int minor, int patch) =>
        Assert.Equal(new ProductVersion(major, minor, patch), ProductVersion.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("8.5")]
    [InlineData("8.5.2.1")]
    [InlineData("8.x.2")]
    [InlineData("8.05.2")]
    [InlineData("-1.0.0")]
    [InlineData("v8.5.2")]
    [InlineData("8..2")]
    [InlineData("９.0.0")]
    public void Refuses_anything_else_with_a_message_that_shows_the_form(string? text)
    {
        Assert.False(ProductVersion.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => ProductVersion.Parse(text));
        Assert.Contains("major.minor.patch", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.10.0", "8.9.0", 1)]
    [InlineData("8.5.10", "8.5.9", 1)]
    [InlineData("10.0.0", "9.99.99", 1)]
    [InlineData("8.5.2", "8.5.2", 0)]
    [InlineData("8.5.2", "8.6.0", -1)]
    public void Compares_numerically(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(ProductVersion.Parse(a).CompareTo(ProductVersion.Parse(b))));

    [Theory]
    [InlineData("8.5.2", "8.6.0", false)]
    [InlineData("8.5.2", "8.5.3", false)]
    [InlineData("8.5.2", "9.0.0", true)]
    [InlineData("8.5.2", "10.1.0", true)]
    public void Only_a_new_major_version_is_a_major_upgrade(string installed, string release, bool major) =>
        Assert.Equal(major, ProductVersion.Parse(release).IsMajorUpgradeFrom(ProductVersion.Parse(installed)));
}
