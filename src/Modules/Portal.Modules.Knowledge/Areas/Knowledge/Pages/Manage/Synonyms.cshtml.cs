using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Search;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Manage;

/// <summary>Staff edit synonym groups (e.g. 补丁, patch, hotfix); searches use them at once on this node.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class SynonymsModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public const int MaxTerms = 20;
    public const int MaxTermLength = 50;

    public IReadOnlyList<SynonymGroup> Groups { get; private set; } = [];

    [BindProperty]
    public string? Terms { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Groups = await mediator.Send(new List(User), ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct) => await SaveAsync(null, ct);

    public async Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct) => await SaveAsync(id, ct);

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        await mediator.Send(new Delete(User, id), ct);
        TempData["Message"] = localizer["The synonym group was deleted."].Value;
        return RedirectToPage();
    }

    private async Task<IActionResult> SaveAsync(long? id, CancellationToken ct)
    {
        var terms = SynonymSet.SplitTerms(Terms);
        if (terms.Count < 2) ModelState.AddModelError(nameof(Terms), localizer["Enter at least two terms, separated by commas."]);
        else if (terms.Count > MaxTerms || terms.Any(t => t.Length > MaxTermLength))
            ModelState.AddModelError(nameof(Terms), localizer["A group has at most {0} terms of at most {1} characters each.", MaxTerms, MaxTermLength]);
        if (!ModelState.IsValid)
        {
            Groups = await mediator.Send(new List(User), ct);
            return Page();
        }
        await mediator.Send(new Save(User, id, string.Join(", ", terms)), ct);
        TempData["Message"] = localizer["The synonym group was saved."].Value;
        return RedirectToPage();
    }

    public sealed record SynonymGroup(long Id, string Terms);

    public sealed record List(ClaimsPrincipal User) : IRequest<IReadOnlyList<SynonymGroup>>;

    public sealed record Save(ClaimsPrincipal User, long? Id, string Terms) : IRequest<bool>;

    public sealed record Delete(ClaimsPrincipal User, long Id) : IRequest<bool>;

    internal sealed class Row
    {
        public long Id { get; set; }

        public string Terms { get; set; } = "";
    }

    internal sealed class Handler(IDb db, SynonymStore synonyms, TimeProvider clock)
        : IRequestHandler<List, IReadOnlyList<SynonymGroup>>, IRequestHandler<Save, bool>, IRequestHandler<Delete, bool>
    {
        public async Task<IReadOnlyList<SynonymGroup>> Handle(List request, CancellationToken ct)
        {
            StaffOnly.Require(request.User);
            await using var c = await db.OpenAsync(ct);
            var rows = await c.QueryAsync<Row>(new CommandDefinition("SELECT id, terms FROM kb_synonyms ORDER BY terms, id", cancellationToken: ct));
            return rows.Select(r => new SynonymGroup(r.Id, r.Terms)).ToList();
        }

        public async Task<bool> Handle(Save request, CancellationToken ct)
        {
            StaffOnly.Require(request.User);
            var changed = await db.WriteAsync((c, tx) => request.Id is { } id
                ? c.ExecuteAsync(new CommandDefinition("UPDATE kb_synonyms SET terms = @Terms, updated_at = @Now WHERE id = @id",
                    new { request.Terms, Now = clock.GetUtcNow(), id }, tx, cancellationToken: ct))
                : c.ExecuteAsync(new CommandDefinition("INSERT INTO kb_synonyms (terms, updated_at) VALUES (@Terms, @Now)",
                    new { request.Terms, Now = clock.GetUtcNow() }, tx, cancellationToken: ct)), ct);
            synonyms.Invalidate();
            return changed > 0;
        }

        public async Task<bool> Handle(Delete request, CancellationToken ct)
        {
            StaffOnly.Require(request.User);
            var deleted = await db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM kb_synonyms WHERE id = @Id", new { request.Id }, tx, cancellationToken: ct)), ct);
            synonyms.Invalidate();
            return deleted > 0;
        }
    }
}
