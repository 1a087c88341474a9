using Microsoft.Extensions.Logging;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Portal.Modules.Training.Certificates;

/// <summary>Draws a certificate as a one-page A4 landscape PDF, bilingual, with a QR code of the public
/// verification URL. Chinese needs a CJK font; when none is found or PDFsharp cannot read it, the
/// certificate is drawn with a Latin font (Chinese characters then do not show) rather than failing.
/// CJK fallback fonts (Droid Sans Fallback) carry no Latin letters, so every line is drawn in runs:
/// Chinese characters in the CJK font, everything else in the Latin one.</summary>
public sealed class CertificatePdf(ILogger<CertificatePdf> logger)
{
    private static volatile bool cjkUnusable;

    public byte[] Render(CertificateRow certificate, string verifyUrl)
    {
        CertificateFonts.Install();
        if (CertificateFonts.HasCjk && !cjkUnusable)
        {
            try
            {
                return Draw(certificate, verifyUrl, CertificateFonts.CjkFamily, CertificateFonts.LatinFamily);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                cjkUnusable = true;
                logger.LogWarning(e, "The CJK font could not be used for certificates; falling back to a Latin font.");
            }
        }
        else if (!CertificateFonts.HasCjk)
        {
            logger.LogWarning("No CJK font found for certificates (install fonts-noto-cjk); Chinese text will not show.");
        }
        return Draw(certificate, verifyUrl, CertificateFonts.LatinFamily, CertificateFonts.LatinFamily);
    }

    private static byte[] Draw(CertificateRow certificate, string verifyUrl, string cjk, string latin)
    {
        using var document = new PdfDocument();
        document.Info.Title = "Certificate " + certificate.Number;
        var page = document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Landscape;
        var width = page.Width.Point;
        var height = page.Height.Point;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var title = new Fonts(cjk, latin, 30);
            var big = new Fonts(cjk, latin, 26);
            var normal = new Fonts(cjk, latin, 14);
            var small = new Fonts(cjk, latin, 10);
            var ink = XBrushes.Black;
            var grey = XBrushes.DimGray;
            gfx.DrawRectangle(new XPen(XColors.SteelBlue, 3), 24, 24, width - 48, height - 48);

            void Line(string text, Fonts font, XBrush brush, double y) => DrawRuns(gfx, text, font, brush, width / 2, y, centered: true);

            Line("培训证书", title, ink, 60);
            Line("Certificate of Training", normal, grey, 104);
            Line(certificate.TraineeName, big, ink, 160);
            Line("参加并完成了培训课程 · has attended the training course", normal, grey, 210);
            Line(certificate.CourseTitleZh, normal, ink, 240);
            if (certificate.CourseTitleEn.Length > 0 && certificate.CourseTitleEn != certificate.CourseTitleZh)
                Line(certificate.CourseTitleEn, normal, ink, 264);
            var issued = Portal.Web.Formatting.DisplayTime.Date(certificate.IssuedOn);
            var expires = Portal.Web.Formatting.DisplayTime.Date(certificate.ExpiresOn);
            Line($"颁发日期 Issued on: {issued}    有效期至 Valid until: {expires}", normal, ink, 310);
            Line($"证书编号 Certificate number: {certificate.Number}", normal, ink, 336);
            Line("客户服务门户 · Customer Portal", small, grey, height - 70);

            var qrSize = 110d;
            DrawQr(gfx, verifyUrl, width - 48 - qrSize, height - 60 - qrSize - 14, qrSize);
            DrawRuns(gfx, "验证 Verify", small, grey, width - 48 - qrSize / 2, height - 72, centered: true);
            DrawRuns(gfx, verifyUrl, small, grey, 48, height - 54, centered: false);
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private sealed record Fonts(XFont Cjk, XFont Latin)
    {
        public Fonts(string cjk, string latin, double size) : this(new XFont(cjk, size), new XFont(latin, size)) { }
    }

    /// <summary>Draws <paramref name="text"/> from <paramref name="x"/> (or centred on it), each run of
    /// CJK characters in the CJK font and the rest in the Latin font.</summary>
    private static void DrawRuns(XGraphics gfx, string text, Fonts fonts, XBrush brush, double x, double y, bool centered)
    {
        var runs = Runs(text).Select(r => (r.Text, Font: r.Cjk ? fonts.Cjk : fonts.Latin)).ToList();
        var widths = runs.Select(r => gfx.MeasureString(r.Text, r.Font).Width).ToList();
        var left = centered ? x - widths.Sum() / 2 : x;
        for (var i = 0; i < runs.Count; i++)
        {
            gfx.DrawString(runs[i].Text, runs[i].Font, brush, left, y, XStringFormats.TopLeft);
            left += widths[i];
        }
    }

    internal static IEnumerable<(string Text, bool Cjk)> Runs(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i < text.Length && IsCjk(text[i]) == IsCjk(text[start])) continue;
            yield return (text[start..i], IsCjk(text[start]));
            start = i;
        }
    }

    // CJK radicals, punctuation, kana, ideographs, Hangul, compatibility and full-width forms.
    private static bool IsCjk(char c) => c is >= '\u2E80' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';

    /// <summary>Draws the QR code as filled squares: PDFsharp's core build rejects the 1-bit palette PNG
    /// QRCoder produces ("Unsupported image format"), and vector modules stay sharp at any zoom.</summary>
    private static void DrawQr(XGraphics gfx, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
            for (var column = 0; column < matrix[row].Count; column++)
                if (matrix[row][column])
                    gfx.DrawRectangle(XBrushes.Black, x + column * module, y + row * module, module + 0.05, module + 0.05);
    }
}
