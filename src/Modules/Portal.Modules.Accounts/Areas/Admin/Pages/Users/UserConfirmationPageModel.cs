using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Admin;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Users;

/// <summary>A page that shows one user and asks to confirm an action on them (lock, unlock).</summary>
public abstract class UserConfirmationPageModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public UserSummary Account { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>Sends the command; on success goes to the user's details with <paramref name="doneMessage"/>
    /// (a localization key), otherwise shows the page again with the error.</summary>
    protected async Task<IActionResult> ConfirmAsync(IRequest<CommandResult> command, string doneMessage, CancellationToken ct)
    {
        var result = await mediator.Send(command, ct);
        if (result.Succeeded)
        {
            TempData["Message"] = localizer[doneMessage].Value;
            return RedirectToPage("Details", new { Id });
        }
        if (this.FailureResponse(result, localizer) is { } failure) return failure;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await mediator.Send(new UserSummaryQuery(Id), ct) is not { } account) return false;
        Account = account;
        return true;
    }
}
