using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Downloads.Areas.Downloads.Pages;

/// <summary>A customer turns the new-release emails off or on again, for themselves only.</summary>
[Authorize(Policy = PortalPolicies.Customer)]
public sealed class EmailsModel(IDb db, TimeProvider clock) : PageModel
{
    public bool Subscribed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.UserId() is not { } user) return Forbid();
        await using var c = await db.OpenAsync(ct);
        Subscribed = await c.ExecuteScalarAsync<long?>("SELECT user_id FROM dl_email_optouts WHERE user_id = @user", new { user }) is null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool subscribe, CancellationToken ct)
    {
        if (User.UserId() is not { } user) return Forbid();
        await db.WriteAsync((c, tx) => subscribe
            ? c.ExecuteAsync("DELETE FROM dl_email_optouts WHERE user_id = @user", new { user }, tx)
            : c.ExecuteAsync("INSERT INTO dl_email_optouts (user_id, created_at) VALUES (@user, @Now) ON CONFLICT DO NOTHING", new { user, Now = clock.GetUtcNow() }, tx), ct);
        return RedirectToPage();
    }
}
