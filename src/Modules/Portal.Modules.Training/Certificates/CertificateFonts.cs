using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Portal.Modules.Training.Certificates;

/// <summary>Fonts for certificate PDFs. PDFsharp's core build brings no fonts on Linux, so this resolver
/// serves font files found on the machine: a CJK font for Chinese names and titles (fonts-noto-cjk,
/// WenQuanYi, Droid fallback, or Windows' YaHei/SimSun) and a Latin one (DejaVu, Liberation, Arial).
/// Families it does not know go to PDFsharp's own resolving.</summary>
internal sealed class CertificateFonts : IFontResolver
{
    public const string CjkFamily = "PortalCertificateCjk";
    public const string LatinFamily = "PortalCertificateLatin";
    private const string CjkFace = "portal-cjk";
    private const string LatinFace = "portal-latin";

    private static readonly string[] CjkFiles =
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        @"C:\Windows\Fonts\msyh.ttc",
        @"C:\Windows\Fonts\simsun.ttc",
    ];

    private static readonly string[] LatinFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
        @"C:\Windows\Fonts\arial.ttf",
    ];

    private static readonly Lazy<string?> CjkFile = new(() => CjkFiles.FirstOrDefault(File.Exists));
    private static readonly Lazy<string?> LatinFile = new(() => LatinFiles.FirstOrDefault(File.Exists));
    private static readonly ConcurrentDictionary<string, byte[]?> Bytes = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>Whether a CJK font file was found (Chinese text renders only then).</summary>
    public static bool HasCjk => CjkFile.Value is not null;

    /// <summary>Installs the resolver once per process, unless the host set its own.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (installed) return;
            GlobalFontSettings.FontResolver ??= new CertificateFonts();
            installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => familyName switch
    {
        CjkFamily when CjkFile.Value is not null => new FontResolverInfo(CjkFace),
        CjkFamily or LatinFamily when LatinFile.Value is not null => new FontResolverInfo(LatinFace),
        _ => null,
    };

    public byte[]? GetFont(string faceName) => Bytes.GetOrAdd(faceName, face => face switch
    {
        CjkFace when CjkFile.Value is { } f => File.ReadAllBytes(f),
        LatinFace when LatinFile.Value is { } f => File.ReadAllBytes(f),
        _ => null,
    });
}
