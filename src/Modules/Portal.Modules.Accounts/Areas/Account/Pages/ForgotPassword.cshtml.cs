using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core;
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

    /// <summary>Queues the reset email in the outbox; returns whether there was an account. Each
    /// request gets its own dedup key, so asking again sends a new link.</summary>
    internal sealed class SendPasswordResetHandler(UserManager<PortalUser> users, IDb db, IOutbox outbox, IOptions<PortalOptions> portal)
        : IRequestHandler<SendPasswordReset, bool>
    {
        public async Task<bool> Handle(SendPasswordReset request, CancellationToken ct)
        {
            var user = await users.FindByEmailAsync(request.Email);
            if (user?.Email is null)
            {
                // The same token work for an address with no account, so the answer takes as long.
                await users.GeneratePasswordResetTokenAsync(new PortalUser { SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)) });
                return false;
            }
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = AccountEmails.Link(portal.Value, "ResetPassword", user.Id, token);
            var key = string.Create(CultureInfo.InvariantCulture, $"reset:{user.Id}:{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}");
            await AccountEmails.EnqueueAsync(db, outbox, user, AccountEmails.ResetPasswordTemplate, link, key, ct);
            return true;
        }
    }
}
