using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Core.Security;
using Portal.Web.Localization;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

[Authorize(Policy = PortalPolicies.SignedIn)]
public sealed class ProfileModel(IMediator mediator, SignInManager<PortalUser> signIn, IStringLocalizer localizer) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = "";

        [Phone(ErrorMessage = "Enter a valid phone number.")]
        [StringLength(30, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Phone")]
        public string? PhoneNumber { get; set; }

        [Required(ErrorMessage = "Choose a language.")]
        [Display(Name = "Preferred language")]
        public string Language { get; set; } = PortalCultures.Chinese;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Email { get; private set; } = "";

    public bool EmailConfirmed { get; private set; }

    public string? OrganisationName { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user) return Challenge();
        await LoadAsync(user);
        Input = new InputModel { DisplayName = user.DisplayName, PhoneNumber = user.PhoneNumber, Language = user.PreferredLanguage };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var users = signIn.UserManager;
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (!PortalCultures.Supported.Contains(Input.Language))
            ModelState.AddModelError("Input.Language", localizer["Choose a language."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        user.DisplayName = Input.DisplayName.Trim();
        user.PhoneNumber = string.IsNullOrWhiteSpace(Input.PhoneNumber) ? null : Input.PhoneNumber.Trim();
        user.PreferredLanguage = Input.Language;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
            await LoadAsync(user);
            return Page();
        }
        // The name and language live in the sign-in cookie, and the language also in its own cookie.
        await signIn.RefreshSignInAsync(user);
        LanguageModel.Remember(Response, user.PreferredLanguage);
        TempData["Message"] = LanguageModel.Localize(localizer, user.PreferredLanguage, "Your profile has been saved.");
        return RedirectToPage("Profile");
    }

    public async Task<IActionResult> OnPostSendConfirmationAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user) return Challenge();
        if (!user.EmailConfirmed && user.Email is not null)
            await mediator.Send(new SendEmailConfirmation(user), HttpContext.RequestAborted);
        TempData["Message"] = localizer["We have sent a confirmation link to your email address."].Value;
        return RedirectToPage("Profile");
    }

    private async Task LoadAsync(PortalUser user)
    {
        Email = user.Email ?? user.UserName;
        EmailConfirmed = user.EmailConfirmed;
        OrganisationName = User.OrganisationId() is { } org
            ? await mediator.Send(new GetOrganisationName(org), HttpContext.RequestAborted)
            : null;
    }

    internal sealed record GetOrganisationName(long OrganisationId) : IRequest<string?>;

    internal sealed class GetOrganisationNameHandler(IDb db) : IRequestHandler<GetOrganisationName, string?>
    {
        public async Task<string?> Handle(GetOrganisationName request, CancellationToken ct)
        {
            await using var c = await db.OpenAsync(ct);
            return await c.QuerySingleOrDefaultAsync<string>("SELECT name FROM acc_organisations WHERE id = @OrganisationId", request);
        }
    }

    internal sealed record SendEmailConfirmation(PortalUser User) : IRequest<bool>;

    /// <summary>Queues the confirmation email. The dedup key is per quarter hour, so pressing the
    /// button repeatedly sends at most one email in that time.</summary>
    internal sealed class SendEmailConfirmationHandler(
        UserManager<PortalUser> users, IDb db, IOutbox outbox, IOptions<PortalOptions> portal, TimeProvider clock)
        : IRequestHandler<SendEmailConfirmation, bool>
    {
        public async Task<bool> Handle(SendEmailConfirmation request, CancellationToken ct)
        {
            var user = request.User;
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            var link = AccountEmails.Link(portal.Value, "ConfirmEmail", user.Id, token);
            var window = clock.GetUtcNow().ToUnixTimeSeconds() / 900;
            var key = string.Create(CultureInfo.InvariantCulture, $"confirm:{user.Id}:{window}");
            return await AccountEmails.EnqueueAsync(db, outbox, user, AccountEmails.ConfirmEmailTemplate, link, key, ct);
        }
    }
}
