using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
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

        [Display(Name = "Email me about my requests (replies and status changes)")]
        public bool RequestEmails { get; set; } = true;

        [Display(Name = "Send me the monthly service bulletin")]
        public bool MonthlyBulletin { get; set; } = true;

        [Display(Name = "Email me satisfaction surveys and their reminders")]
        public bool SurveyEmails { get; set; } = true;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Email { get; private set; } = "";

    public bool EmailConfirmed { get; private set; }

    public string? OrganisationName { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!PortalCultures.Supported.Contains(Input.Language))
            ModelState.AddModelError("Input.Language", localizer["Choose a language."]);
        if (!ModelState.IsValid) return await LoadAsync(keepInput: true) ? Page() : Challenge();

        var (user, result) = await mediator.Send(new Command(User, Input.DisplayName, Input.PhoneNumber, Input.Language, new EmailPreferences(Input.RequestEmails, Input.MonthlyBulletin, Input.SurveyEmails)), HttpContext.RequestAborted);
        if (user is null) return Challenge();
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
            return await LoadAsync(keepInput: true) ? Page() : Challenge();
        }
        // The name and language live in the sign-in cookie, and the language also in its own cookie.
        await signIn.RefreshSignInAsync(user);
        CultureCookie.Remember(Response, user.PreferredLanguage);
        TempData["Message"] = CultureText.Localize(localizer, user.PreferredLanguage, "Your profile has been saved.");
        return RedirectToPage("Profile");
    }

    public async Task<IActionResult> OnPostSendConfirmationAsync()
    {
        if (!await mediator.Send(new SendEmailConfirmation(User), HttpContext.RequestAborted)) return Challenge();
        TempData["Message"] = localizer["We have sent a confirmation link to your email address."].Value;
        return RedirectToPage("Profile");
    }

    /// <summary>Shows the account; the form keeps what was posted when <paramref name="keepInput"/>.
    /// False when the session names no account.</summary>
    private async Task<bool> LoadAsync(bool keepInput = false)
    {
        if (await mediator.Send(new Query(User), HttpContext.RequestAborted) is not { } profile) return false;
        Email = profile.Email;
        EmailConfirmed = profile.EmailConfirmed;
        OrganisationName = profile.OrganisationName;
        if (!keepInput)
        {
            Input = new InputModel
            {
                DisplayName = profile.DisplayName, PhoneNumber = profile.PhoneNumber, Language = profile.Language,
                RequestEmails = profile.Emails.RequestEmails, MonthlyBulletin = profile.Emails.MonthlyBulletin,
                SurveyEmails = profile.Emails.SurveyEmails,
            };
        }
        return true;
    }

    public sealed record Details(string Email, bool EmailConfirmed, string? OrganisationName, string DisplayName, string? PhoneNumber, string Language,
        EmailPreferences Emails);

    /// <summary>The signed-in user's profile; the organisation is the one in the sign-in cookie.</summary>
    public sealed record Query(ClaimsPrincipal User) : IRequest<Details?>;

    internal sealed class QueryHandler(UserManager<PortalUser> users, IDb db) : IRequestHandler<Query, Details?>
    {
        private sealed class EmailRow
        {
            public bool Requests { get; set; }
            public bool Bulletin { get; set; }
            public bool Surveys { get; set; }
        }

        public async Task<Details?> Handle(Query query, CancellationToken ct)
        {
            if (await users.GetUserAsync(query.User) is not { } user) return null;
            string? organisation = null;
            await using var c = await db.OpenAsync(ct);
            if (query.User.OrganisationId() is { } org)
                organisation = await c.QuerySingleOrDefaultAsync<string>("SELECT name FROM acc_organisations WHERE id = @org", new { org });
            var emails = await c.QuerySingleAsync<EmailRow>(
                "SELECT email_requests AS Requests, email_bulletin AS Bulletin, email_surveys AS Surveys FROM acc_users WHERE id = @Id", new { user.Id });
            return new Details(user.Email ?? user.UserName, user.EmailConfirmed, organisation, user.DisplayName, user.PhoneNumber, user.PreferredLanguage,
                new EmailPreferences(emails.Requests, emails.Bulletin, emails.Surveys));
        }
    }

    /// <summary>Saves name, phone, language and which emails the user wants; returns the user (null
    /// when the session names no account) for renewing the sign-in cookie.</summary>
    public sealed record Command(ClaimsPrincipal User, string DisplayName, string? PhoneNumber, string Language, EmailPreferences Emails)
        : IRequest<(PortalUser? User, IdentityResult Result)>;

    internal sealed class Handler(UserManager<PortalUser> users, IDb db) : IRequestHandler<Command, (PortalUser? User, IdentityResult Result)>
    {
        public async Task<(PortalUser? User, IdentityResult Result)> Handle(Command command, CancellationToken ct)
        {
            if (await users.GetUserAsync(command.User) is not { } user) return (null, IdentityResult.Failed());
            user.DisplayName = Portal.Modules.Core.Text.InvisibleCharacters.Strip(command.DisplayName).Trim();
            user.PhoneNumber = string.IsNullOrWhiteSpace(command.PhoneNumber) ? null : command.PhoneNumber.Trim();
            user.PreferredLanguage = command.Language;
            var result = await users.UpdateAsync(user);
            if (result.Succeeded)
            {
                await db.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE acc_users SET email_requests = @RequestEmails, email_bulletin = @MonthlyBulletin, email_surveys = @SurveyEmails WHERE id = @Id",
                    new { command.Emails.RequestEmails, command.Emails.MonthlyBulletin, command.Emails.SurveyEmails, user.Id }, tx), ct);
            }
            return (user, result);
        }
    }

    /// <summary>Queues the confirmation email unless the address is confirmed already; false when the
    /// session names no account. The dedup key is per quarter hour, so pressing the button
    /// repeatedly sends at most one email in that time.</summary>
    public sealed record SendEmailConfirmation(ClaimsPrincipal User) : IRequest<bool>;

    internal sealed class SendEmailConfirmationHandler(
        UserManager<PortalUser> users, IDb db, IOutbox outbox, IOptions<PortalOptions> portal, TimeProvider clock)
        : IRequestHandler<SendEmailConfirmation, bool>
    {
        public async Task<bool> Handle(SendEmailConfirmation request, CancellationToken ct)
        {
            if (await users.GetUserAsync(request.User) is not { } user) return false;
            if (user.EmailConfirmed || user.Email is null) return true;
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            var link = AccountEmails.Link(portal.Value, "ConfirmEmail", user.Id, token);
            var window = clock.GetUtcNow().ToUnixTimeSeconds() / 900;
            var key = string.Create(CultureInfo.InvariantCulture, $"confirm:{user.Id}:{window}");
            await AccountEmails.EnqueueAsync(db, outbox, user, AccountEmails.ConfirmEmailTemplate, link, key, ct);
            return true;
        }
    }
}
