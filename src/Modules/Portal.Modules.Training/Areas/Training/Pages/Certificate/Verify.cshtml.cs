using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Training.Certificates;
using Portal.Web.Formatting;

namespace Portal.Modules.Training.Areas.Training.Pages.Certificate;

/// <summary>Public verification of a certificate number (the QR code on the PDF): valid, expired or
/// revoked, with only the holder's name, the course and the dates. Unknown numbers are 404.</summary>
[AllowAnonymous]
public sealed class VerifyModel(IMediator mediator) : PageModel
{
    public Result Certificate { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        if (await mediator.Send(new Query(number), ct) is not { } found) return NotFound();
        Certificate = found;
        return Page();
    }

    /// <summary>What the public may see; status is valid, expired or revoked.</summary>
    public sealed record Result(string Number, string Name, string CourseZh, string CourseEn, DateOnly IssuedOn, DateOnly ExpiresOn, string Status);

    public sealed record Query(string Number) : IRequest<Result?>;

    internal sealed class Handler(CertificateStore store, DisplayTime time, TimeProvider clock) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken ct) =>
            await store.ByNumberAsync(query.Number, ct) is { } c
                ? new Result(c.Number, c.TraineeName, c.CourseTitleZh, c.CourseTitleEn, c.IssuedOn, c.ExpiresOn, c.Status(time.Day(clock.GetUtcNow())))
                : null;
    }
}
