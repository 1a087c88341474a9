using System.Text;

namespace Portal.Modules.Training.Reports;

/// <summary>CSV for Excel: UTF-8 with a byte order mark (so Chinese shows), RFC 4180 quoting, and
/// cells that a spreadsheet would read as a formula (= + - @, tab, carriage return) prefixed with a
/// quote so they stay text.</summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows) Line(text, row);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static string Cell(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r') v = "'" + v;
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(Cell(cells[i]));
        }
        text.Append("\r\n");
    }
}
