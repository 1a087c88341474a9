using Portal.Modules.Core.Files;
using Portal.Modules.Core.Text;
using Xunit;

namespace Portal.Modules.Core.Tests;

public sealed class InvisibleCharactersTests
{
    [Theory]
    [InlineData("invoice\u202Egpj.exe", "invoicegpj.exe")]
    [InlineData("\u202Dreport\u202C.pdf", "report.pdf")]
    [InlineData("a\u200Bb\u200E\u200F\u2066c\u2069\uFEFF.txt", "abc.txt")]
    [InlineData("升级说明.docx", "升级说明.docx")]
    public void A_cleaned_file_name_keeps_no_bidi_or_other_format_characters(string given, string expected) =>
        Assert.Equal(expected, FileTypes.CleanName(given));

    [Theory]
    [InlineData("张\u202E三", "张三")]
    [InlineData("Li\u200B Lei\u0007", "Li Lei")]
    [InlineData("王五", "王五")]
    public void Strip_removes_format_and_control_characters_from_a_display_name(string given, string expected) =>
        Assert.Equal(expected, InvisibleCharacters.Strip(given));
}
