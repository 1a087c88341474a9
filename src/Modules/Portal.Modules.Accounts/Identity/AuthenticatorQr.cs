using QRCoder;

namespace Portal.Modules.Accounts.Identity;

/// <summary>The authenticator link as a QR code for a phone's camera: inline SVG markup (no image
/// request, so the secret never appears in a URL or a cache), sized by the page.</summary>
public static class AuthenticatorQr
{
    public static string Svg(string authenticatorUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(authenticatorUri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
