using System.Buffers;
using System.Text;

namespace Portal.Modules.Core.Text;

/// <summary>Decodes UTF-8 without replacing anything: a file with an invalid byte is refused with
/// the offset of that byte, so an author can find it (a lenient decoder would import U+FFFD silently).
/// A leading byte order mark is dropped.</summary>
public static class StrictUtf8
{
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, or null with <paramref name="invalidAt"/> the byte offset (from the start of
    /// <paramref name="bytes"/>, BOM included) of the first byte that is not valid UTF-8.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes, out long invalidAt)
    {
        var start = bytes.StartsWith(Preamble) ? Preamble.Length : 0;
        try
        {
            invalidAt = -1;
            return Encoding.GetString(bytes[start..]);
        }
        catch (DecoderFallbackException)
        {
            invalidAt = start + FirstInvalidByte(bytes[start..]);
            return null;
        }
    }

    /// <summary>The offset of the first byte that does not begin a valid UTF-8 sequence, or -1.</summary>
    public static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done) return offset;
            offset += consumed;
        }
        return -1;
    }

    private static ReadOnlySpan<byte> Preamble => [0xEF, 0xBB, 0xBF];
}
