using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Web;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>Asks for a password reset link. The answer is the same whether or not the address
/// belongs to an account, so the page cannot be used to find out who has one.</summary>
[AllowAnonymous]
[EnableRateLimiting(WebServiceCollectionExtensions.AuthRateLimit)]
public sealed class ForgotPasswordModel(IMediator mediator) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(254, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        await mediator.Send(new SendPasswordReset(Input.Email.Trim()), HttpContext.RequestAborted);
        return RedirectToPage("ForgotPassword", new { sent = true });
    }

    internal sealed record SendPasswordReset(string Email) : IRequest<bool>;

    /// <summary>Records the request in the outbox and nothing else: the account lookup and the
    /// email happen later in <see cref="PasswordResetRequestedHandler"/>. Known and unknown
    /// addresses therefore cost the request exactly the same work, one insert, so neither the
    /// answer nor its time tells who has an account.</summary>
    internal sealed class SendPasswordResetHandler(IDb db, IOutbox outbox) : IRequestHandler<SendPasswordReset, bool>
    {
        public Task<bool> Handle(SendPasswordReset request, CancellationToken ct)
        {
            // Each request gets its own key, so asking again sends a new link.
            var key = "reset-request:" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            var requested = new PasswordResetRequested(request.Email, key);
            return db.WriteAsync((c, tx) => outbox.EnqueueAsync(c, tx, requested, key), ct);
        }
    }
}
