using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Accounts.Invitations;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Web.Localization;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Users;

public sealed class InviteModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the email address of the person you invite.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address for the person you invite.")]
        [StringLength(254, ErrorMessage = "The email address can be at most 254 characters long.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter the name of the person you invite.")]
        [StringLength(100, ErrorMessage = "The name can be at most 100 characters long.")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Choose a role.")]
        public string Role { get; set; } = PortalRoles.Customer;

        /// <summary>Required for a customer, empty for staff and administrators.</summary>
        public long? OrganisationId { get; set; }

        [Required(ErrorMessage = "Choose a language.")]
        public string Language { get; set; } = PortalCultures.Chinese;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<OrganisationOption> Organisations { get; private set; } = [];

    public async Task OnGetAsync(long? org, CancellationToken ct)
    {
        Input.OrganisationId = org;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(new Command(User, Input), ct);
            if (result.Succeeded)
            {
                TempData["Message"] = localizer["An invitation has been sent to {0}.", Input.Email.Trim()].Value;
                return RedirectToPage("Index");
            }
            if (this.FailureResponse(result, localizer) is { } failure) return failure;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Organisations = await mediator.Send(new OrganisationOptionsQuery(ActiveOnly: true), ct);

    public sealed record Command(ClaimsPrincipal Actor, InputModel Input) : IRequest<CommandResult>;

    internal sealed class Handler(IDb db, UserManager<PortalUser> users, InvitationService invitations, Identity.AuditLog audit)
        : IRequestHandler<Command, CommandResult>
    {
        public async Task<CommandResult> Handle(Command command, CancellationToken ct)
        {
            if (!AdminActor.IsAdmin(command.Actor)) return CommandResult.Forbidden;
            var input = command.Input;
            var email = input.Email.Trim();
            if (!PortalCultures.Supported.Contains(input.Language))
                return CommandResult.Invalid("Input.Language", "Choose a language.");
            var check = await RoleRules.CheckAsync(db, input.Role, input.OrganisationId, "Input", ct);
            if (check is not null) return check;
            if (await users.FindByEmailAsync(email) is not null)
                return CommandResult.Invalid("Input.Email", "An account with this email address already exists.");
            if (await invitations.HasPendingAsync(email, ct))
                return CommandResult.Invalid("Input.Email", "An invitation to this address is still pending. Send it again from the invitations list instead.");

            await invitations.CreateAsync(email, Portal.Modules.Core.Text.InvisibleCharacters.Strip(input.DisplayName).Trim(), input.OrganisationId, input.Role, input.Language,
                command.Actor.UserId(), ct);
            var code = input.OrganisationId is { } org ? await RoleRules.OrganisationCodeAsync(db, org, ct) : null;
            await audit.WriteAsync(AuditEvents.Invited, null, email, code is null ? input.Role : $"{input.Role} · {code}", ct);
            return CommandResult.Done;
        }
    }
}
