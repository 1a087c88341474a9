using System.Text;
using Portal.Modules.Core.Text;
using Xunit;

namespace Portal.Modules.Core.Tests;

public sealed class StrictUtf8Tests
{
    [Fact]
    public void Valid_text_is_decoded_and_a_bom_is_dropped()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("标题: ok")];

        Assert.Equal("标题: ok", StrictUtf8.TryDecode(bytes, out var at));
        Assert.Equal(-1, at);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x62, 0xFF, 0x63 }, 2)]               // a byte that never occurs in UTF-8
    [InlineData(new byte[] { 0xE4, 0xB8, 0xAD, 0xE6, 0x41 }, 3)]         // 中 then a sequence cut short
    [InlineData(new byte[] { 0x61, 0xC0, 0xAF }, 1)]                     // overlong encoding of '/'
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0xED, 0xA0, 0x80 }, 4)] // a surrogate, after a BOM (offset counts the BOM)
    [InlineData(new byte[] { 0x61, 0xE4, 0xB8 }, 1)]                     // truncated at the end of the file
    public void Invalid_bytes_are_refused_with_the_offset_of_the_first_one(byte[] bytes, long offset)
    {
        Assert.Null(StrictUtf8.TryDecode(bytes, out var at));
        Assert.Equal(offset, at);
    }

    [Fact]
    public void Latin1_text_is_not_taken_for_utf8()
    {
        var latin1 = Encoding.Latin1.GetBytes("title: Caf\u00e9 r\u00e9sum\u00e9");

        Assert.Null(StrictUtf8.TryDecode(latin1, out var at));
        Assert.Equal(10, at);
    }
}
