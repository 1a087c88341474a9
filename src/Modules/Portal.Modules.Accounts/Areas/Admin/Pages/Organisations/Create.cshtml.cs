using System.Data.Common;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Admin;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Organisations;

public sealed class CreateModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var result = await mediator.Send(new Command(User, Input), ct);
        if (!result.Succeeded) return this.FailureResponse(result, localizer) ?? Page();
        TempData["Message"] = localizer["Organisation {0} created.", Input.Code].Value;
        return RedirectToPage("Index");
    }

    public sealed record Command(ClaimsPrincipal Actor, OrganisationInput Input) : IRequest<CommandResult>;

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Command, CommandResult>
    {
        public async Task<CommandResult> Handle(Command command, CancellationToken ct)
        {
            if (!AdminActor.IsAdmin(command.Actor)) return CommandResult.Forbidden;
            var input = command.Input;
            try
            {
                return await db.WriteAsync(async (c, tx) =>
                {
                    if (await OrganisationCodes.TakenAsync(c, tx, input.Code, exceptId: 0)) return OrganisationCodes.DuplicateResult(input.Code);
                    await c.ExecuteAsync("""
                        INSERT INTO acc_organisations (code, name, account_manager_email, is_active, created_at, updated_at)
                        VALUES (@Code, @Name, @Email, @Active, @Now, @Now)
                        """, new { input.Code, Name = input.CleanName, Email = input.CleanAccountManagerEmail, Active = true, Now = clock.GetUtcNow() }, tx);
                    return CommandResult.Done;
                }, ct);
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                return OrganisationCodes.DuplicateResult(input.Code);
            }
        }
    }
}
