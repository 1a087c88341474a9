using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.ServiceContracts.Catalog;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;

namespace Portal.Modules.ServiceContracts.Areas.Contracts.Pages.Manage.SlaTargets;

/// <summary>Admin: response and resolution targets per service level and severity. Only changed
/// rows are written, each with who changed it and when.</summary>
[Authorize(Policy = PortalPolicies.Admin)]
public sealed class IndexModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public static readonly IReadOnlyList<string> Levels = ["standard", "premium"];

    [BindProperty]
    public List<TargetInput> Targets { get; set; } = [];

    public IReadOnlyList<Row> Saved { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User), ct) is not { } saved) return Forbid();
        Saved = saved;
        Targets = [.. Saved.Select(r => new TargetInput
        {
            Level = r.ServiceLevel, Severity = r.Severity, RespondHours = r.RespondHours, ResolveHours = r.ResolveHours, BusinessHours = r.BusinessHours,
        })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User), ct) is not { } saved) return Forbid();
        Saved = saved;
        for (var i = 0; i < Targets.Count; i++)
        {
            var t = Targets[i];
            if (t.RespondHours is { } respond && t.ResolveHours is { } resolve && resolve < respond)
                ModelState.AddModelError($"Targets[{i}].ResolveHours", localizer["The resolution target cannot be shorter than the response target."]);
        }
        if (!ModelState.IsValid) return Page();
        var result = await mediator.Send(new Command(User, Targets), ct);
        if (!result.Succeeded) return this.FailureResponse(result, localizer) ?? Page();
        TempData["Message"] = localizer["The SLA targets have been saved."].Value;
        return RedirectToPage();
    }

    /// <summary>The service level in words (a localization key).</summary>
    public static string LevelName(string level) => level == "premium" ? "Premium (7×24, clock hours)" : "Standard (5×8, working hours)";

    /// <summary>The severity in words (a localization key).</summary>
    public static string SeverityName(int severity) => severity switch
    {
        1 => "1 – System down",
        2 => "2 – Core function impaired",
        3 => "3 – Partial function problem",
        4 => "4 – Questions",
        _ => "5 – Suggestion",
    };

    public sealed class TargetInput
    {
        public string Level { get; set; } = "";

        public int Severity { get; set; }

        [Required(ErrorMessage = "Enter the response target in whole hours.")]
        [Range(1, 8760, ErrorMessage = "Enter a whole number of hours from 1 to 8760.")]
        public int? RespondHours { get; set; }

        [Range(1, 8760, ErrorMessage = "Enter a whole number of hours from 1 to 8760.")]
        public int? ResolveHours { get; set; }

        public bool BusinessHours { get; set; }
    }

    /// <summary>Null when the user is not an admin.</summary>
    public sealed record Query(ClaimsPrincipal User) : IRequest<IReadOnlyList<Row>?>;

    public sealed class Row
    {
        public string ServiceLevel { get; set; } = "";
        public int Severity { get; set; }
        public int RespondHours { get; set; }
        public int? ResolveHours { get; set; }
        public bool BusinessHours { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        public string? UpdatedByName { get; set; }
    }

    internal sealed class QueryHandler(IDb db) : IRequestHandler<Query, IReadOnlyList<Row>?>
    {
        public async Task<IReadOnlyList<Row>?> Handle(Query query, CancellationToken ct)
        {
            if (Actor.Admin(query.User) is null) return null;
            await using var c = await db.OpenAsync(ct);
            return [.. await c.QueryAsync<Row>("""
                SELECT service_level AS ServiceLevel, severity AS Severity, respond_hours AS RespondHours, resolve_hours AS ResolveHours,
                       business_hours AS BusinessHours, updated_at AS UpdatedAt, updated_by_name AS UpdatedByName
                FROM sc_sla_targets ORDER BY CASE service_level WHEN 'standard' THEN 0 ELSE 1 END, severity
                """)];
        }
    }

    public sealed record Command(ClaimsPrincipal User, IReadOnlyList<TargetInput> Targets) : IRequest<CatalogResult>;

    internal sealed class Handler(IDb db, TimeProvider clock) : IRequestHandler<Command, CatalogResult>
    {
        public async Task<CatalogResult> Handle(Command command, CancellationToken ct)
        {
            if (Actor.Admin(command.User) is not { } actor) return CatalogResult.Forbidden;
            if (command.Targets.Any(t => !Levels.Contains(t.Level) || t.Severity is < 1 or > 5 || t.RespondHours is null or < 1 || t.ResolveHours is < 1))
                return CatalogResult.Invalid("", "The request could not be processed.");
            var now = clock.GetUtcNow();
            await db.WriteAsync(async (c, tx) =>
            {
                foreach (var t in command.Targets)
                {
                    await c.ExecuteAsync("""
                        UPDATE sc_sla_targets
                        SET respond_hours = @RespondHours, resolve_hours = @ResolveHours, business_hours = @BusinessHours,
                            updated_at = @Now, updated_by = @By, updated_by_name = @Name
                        WHERE service_level = @Level AND severity = @Severity
                          AND (respond_hours <> @RespondHours OR business_hours <> @BusinessHours
                               OR (resolve_hours IS NULL) <> (@ResolveHours IS NULL) OR resolve_hours <> @ResolveHours)
                        """, new { t.Level, t.Severity, t.RespondHours, t.ResolveHours, t.BusinessHours, Now = now, By = actor.UserId, actor.Name }, tx);
                }
            }, ct);
            return CatalogResult.Done;
        }
    }
}
