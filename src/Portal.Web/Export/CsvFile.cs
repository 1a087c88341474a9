using System.Globalization;
using System.Text;
using CsvHelper;

namespace Portal.Web.Export;

/// <summary>CSV downloads for Excel: UTF-8 with a byte order mark (so Chinese shows), RFC 4180
/// quoting (CsvHelper), and cells a spreadsheet would read as a formula (= + - @, tab, carriage
/// return first) prefixed with an apostrophe so they stay text.</summary>
public static class CsvFile
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var row in rows.Prepend(header))
            {
                foreach (var cell in row) csv.WriteField(Safe(cell));
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The same, streamed: rows are written to <paramref name="output"/> as they come (async only, so it can be
    /// a response body), nothing is kept.</summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<string>> rows, CancellationToken ct)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        foreach (var cell in header) csv.WriteField(Safe(cell));
        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var cell in row) csv.WriteField(Safe(cell));
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
        await text.FlushAsync(ct);
    }

    public static string Safe(string? value)
    {
        var v = value ?? "";
        return v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + v : v;
    }
}
