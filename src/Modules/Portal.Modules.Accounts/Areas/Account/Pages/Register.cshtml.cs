using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Security.Cryptography;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Accounts.Invitations;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Web;
using Portal.Web.Localization;

namespace Portal.Modules.Accounts.Areas.Account.Pages;

/// <summary>Registration by invitation only: the emailed token names the address, organisation,
/// role and language; the visitor chooses a display name and a password.</summary>
[AllowAnonymous]
[EnableRateLimiting(WebServiceCollectionExtensions.AuthRateLimit)]
public sealed class RegisterModel(
    IMediator mediator, SignInManager<PortalUser> signIn, IStringLocalizer localizer, IOptions<IdentityOptions> identity) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Enter the password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        [Display(Name = "Confirm password")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Null when the token is unknown, expired or used: the page then says only that.</summary>
    public Invitation? Invitation { get; private set; }

    public int MinimumPasswordLength => identity.Value.Password.RequiredLength;

    public async Task OnGetAsync()
    {
        Invitation = await mediator.Send(new Query(Token), HttpContext.RequestAborted);
        if (Invitation is not null) Input.DisplayName = Invitation.DisplayName;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Invitation = await mediator.Send(new Query(Token), HttpContext.RequestAborted);
        if (Invitation is null || User.Identity?.IsAuthenticated == true || !ModelState.IsValid) return Page();

        var result = await mediator.Send(new RegisterCommand(Invitation, Portal.Modules.Core.Text.InvisibleCharacters.Strip(Input.DisplayName).Trim(), Input.Password), HttpContext.RequestAborted);
        if (result.InvitationGone)
        {
            Invitation = null;
            return Page();
        }
        if (result.User is not { } user)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "", error.Description);
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        CultureCookie.Remember(Response, user.PreferredLanguage);
        TempData["Message"] = CultureText.Localize(localizer, user.PreferredLanguage, "Welcome! Your account is ready.");
        return LocalRedirect("/");
    }

    /// <summary>The invitation for the token of the link, when it can still be used.</summary>
    public sealed record Query(string? Token) : IRequest<Invitation?>;

    internal sealed class QueryHandler(InvitationService invitations) : IRequestHandler<Query, Invitation?>
    {
        public Task<Invitation?> Handle(Query query, CancellationToken ct) => invitations.FindValidAsync(query.Token, ct);
    }

    internal sealed record RegisterCommand(Invitation Invitation, string DisplayName, string Password) : IRequest<RegisterResult>;

    internal sealed record RegisterResult(PortalUser? User, IReadOnlyList<IdentityError> Errors, bool InvitationGone);

    /// <summary>Validates with Identity's own validators and hasher, then writes the user, the role
    /// and the used invitation in one transaction: when another registration used the invitation
    /// first, nothing is written. A registration is recorded in the security log.</summary>
    internal sealed class RegisterHandler(IDb db, UserManager<PortalUser> users, TimeProvider clock, AuditLog audit) : IRequestHandler<RegisterCommand, RegisterResult>
    {
        public async Task<RegisterResult> Handle(RegisterCommand request, CancellationToken ct)
        {
            var invitation = request.Invitation;
            var user = new PortalUser
            {
                UserName = invitation.Email,
                NormalizedUserName = users.NormalizeName(invitation.Email),
                Email = invitation.Email,
                NormalizedEmail = users.NormalizeEmail(invitation.Email),
                EmailConfirmed = true,
                DisplayName = request.DisplayName,
                PreferredLanguage = PortalCultures.Normalize(invitation.Language),
                OrganisationId = invitation.OrganisationId,
                SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
                CreatedAt = clock.GetUtcNow(),
            };
            var errors = new List<IdentityError>();
            foreach (var validator in users.UserValidators)
                errors.AddRange((await validator.ValidateAsync(users, user)).Errors);
            foreach (var validator in users.PasswordValidators)
                errors.AddRange((await validator.ValidateAsync(users, user, request.Password)).Errors);
            if (errors.Count > 0) return new RegisterResult(null, errors, false);

            user.PasswordHash = users.PasswordHasher.HashPassword(user, request.Password);
            var role = UserStore.RoleName(invitation.Role);
            long id;
            try
            {
                id = await db.WriteAsync(async (c, tx) =>
                {
                    if (!await InvitationService.MarkUsedAsync(c, tx, invitation, clock.GetUtcNow())) return 0L;
                    var userId = await UserStore.InsertAsync(c, tx, user);
                    await Dapper.SqlMapper.ExecuteAsync(c, "INSERT INTO acc_user_roles (user_id, role) VALUES (@id, @role)", new { id = userId, role }, tx);
                    return userId;
                }, ct);
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                return new RegisterResult(null, [users.ErrorDescriber.DuplicateEmail(invitation.Email)], false);
            }
            if (id == 0) return new RegisterResult(null, [], true);
            user.Id = id;
            await audit.WriteAsync(AuditEvents.Registered, user.Id, user.UserName, $"invitation:{invitation.Id}", ct);
            return new RegisterResult(user, [], false);
        }
    }
}
