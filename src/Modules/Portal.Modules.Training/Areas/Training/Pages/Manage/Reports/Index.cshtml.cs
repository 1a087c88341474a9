using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage.Reports;

/// <summary>Staff: the list of training reports.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => User.IsStaff() ? Page() : Forbid();
}
