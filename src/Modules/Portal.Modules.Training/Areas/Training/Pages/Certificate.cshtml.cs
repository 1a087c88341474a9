using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;
using Portal.Modules.Training.Certificates;

namespace Portal.Modules.Training.Areas.Training.Pages;

/// <summary>The holder downloads their certificate as a PDF; anyone else gets 404.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class CertificateModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct) =>
        await mediator.Send(new Query(User, number), ct) is { } pdf
            ? File(pdf, "application/pdf", $"certificate-{number}.pdf")
            : NotFound();

    public sealed record Query(ClaimsPrincipal User, string Number) : IRequest<byte[]?>;

    internal sealed class Handler(CertificateStore store, CertificatePdf pdf, CertificateLinks links) : IRequestHandler<Query, byte[]?>
    {
        public async Task<byte[]?> Handle(Query query, CancellationToken ct)
        {
            if (query.User.UserId() is not { } user || await store.ByNumberAsync(query.Number, ct) is not { } certificate
                || certificate.TraineeUserId != user) return null;
            return pdf.Render(certificate, links.Verify(certificate.Number));
        }
    }
}
