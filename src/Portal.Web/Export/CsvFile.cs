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

    public static string Safe(string? value)
    {
        var v = value ?? "";
        return v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + v : v;
    }
}
