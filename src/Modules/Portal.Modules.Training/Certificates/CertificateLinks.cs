using Microsoft.Extensions.Options;
using Portal.Modules.Core;

namespace Portal.Modules.Training.Certificates;

/// <summary>Absolute URLs of certificates (the QR code and emails leave the portal).</summary>
public sealed class CertificateLinks(IOptions<PortalOptions> portal)
{
    public string Verify(string number) => $"{portal.Value.BaseUrl.TrimEnd('/')}/Training/Certificate/Verify/{Uri.EscapeDataString(number)}";
}
