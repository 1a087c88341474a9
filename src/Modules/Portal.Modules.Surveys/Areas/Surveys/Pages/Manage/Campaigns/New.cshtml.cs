using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Surveys.Campaigns;
using Portal.Modules.Surveys.SurveyTemplates;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage.Campaigns;

/// <summary>Staff: a new campaign — name, template (its current version is asked) and audience; "Preview" shows how
/// many organisations and contacts would be invited, "Send" (from the preview) creates the campaign and invites them.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class NewModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public long? TemplateId { get; set; }
        public string Audience { get; set; } = "organisations";
        public List<long> OrganisationIds { get; set; } = [];
        public string? ProductCode { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Choices Options { get; private set; } = new([], [], []);

    /// <summary>Set after a successful "Preview": the confirm step.</summary>
    public CampaignPreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        // A campaign is usually the general survey (the yearly one after acceptance), not one written for a closed request.
        Input.TemplateId ??= Options.Templates.FirstOrDefault(t => t.Purpose == "general")?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new Check(User, Draft()), ct);
        if (result is null) return Forbid();
        Show(result.Value.Errors);
        if (result.Value.Errors.Count == 0) Preview = result.Value.Preview;
        return await LoadAsync(ct) ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new Send(User, Draft()), ct);
        if (result is null) return Forbid();
        if (result.Value.CampaignId is { } id)
        {
            TempData["Message"] = localizer["The campaign has been sent: {0} people invited.", result.Value.Invited].Value;
            return Redirect($"/Surveys/Manage/Campaigns/{id}");
        }
        Show(result.Value.Errors);
        return await LoadAsync(ct) ? Page() : Forbid();
    }

    private CampaignDraft Draft() => new(Input.Name, Input.TemplateId, Input.Audience, Input.OrganisationIds, Input.ProductCode);

    private void Show(IReadOnlyList<CampaignError> errors)
    {
        foreach (var e in errors) ModelState.AddModelError(e.Field, localizer[e.Message]);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await mediator.Send(new Query(User), ct) is not { } options) return false;
        Options = options;
        return true;
    }

    public sealed record Choices(IReadOnlyList<TemplateSummary> Templates, IReadOnlyList<OrganisationInfo> Organisations, IReadOnlyList<ProductInfo> Products);

    /// <summary>The templates, active organisations and products to choose from; null for non-staff.</summary>
    public sealed record Query(ClaimsPrincipal User) : IRequest<Choices?>;

    internal sealed class QueryHandler(IMediator mediator, TemplateStore templates) : IRequestHandler<Query, Choices?>
    {
        public async Task<Choices?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return null;
            var organisations = (await mediator.Send(new ListOrganisations(), ct)).Where(o => o.IsActive).ToList();
            return new Choices(await templates.ListAsync(ct), organisations, await mediator.Send(new ListProducts(), ct));
        }
    }

    /// <summary>Validates the draft and previews its audience; null for non-staff.</summary>
    public sealed record Check(ClaimsPrincipal User, CampaignDraft Draft) : IRequest<(IReadOnlyList<CampaignError> Errors, CampaignPreview? Preview)?>;

    internal sealed class CheckHandler(CampaignChecks checks) : IRequestHandler<Check, (IReadOnlyList<CampaignError> Errors, CampaignPreview? Preview)?>
    {
        public async Task<(IReadOnlyList<CampaignError> Errors, CampaignPreview? Preview)?> Handle(Check request, CancellationToken ct)
        {
            if (!request.User.IsStaff()) return null;
            var (errors, _, preview) = await checks.CheckAsync(request.Draft, ct);
            return (errors, preview);
        }
    }

    /// <summary>Validates again, creates the campaign and invites its audience; the campaign id and how many were
    /// invited, or the errors; null for non-staff.</summary>
    public sealed record Send(ClaimsPrincipal User, CampaignDraft Draft) : IRequest<(IReadOnlyList<CampaignError> Errors, long? CampaignId, int Invited)?>;

    internal sealed class SendHandler(CampaignChecks checks, CampaignStore campaigns, CampaignSender sender)
        : IRequestHandler<Send, (IReadOnlyList<CampaignError> Errors, long? CampaignId, int Invited)?>
    {
        public async Task<(IReadOnlyList<CampaignError> Errors, long? CampaignId, int Invited)?> Handle(Send request, CancellationToken ct)
        {
            if (!request.User.IsStaff()) return null;
            var draft = request.Draft;
            var (errors, versionId, _) = await checks.CheckAsync(draft, ct);
            if (errors.Count > 0 || versionId is null) return (errors, null, 0);
            var id = await campaigns.CreateAsync(draft.Name!.Trim(), versionId.Value, draft.ByProduct ? draft.ProductCode!.Trim() : "", request.User.UserId(), ct);
            var invited = await sender.SendAsync(id, draft.ByProduct ? [] : draft.OrganisationIds, ct) ?? 0;
            return ([], id, invited);
        }
    }
}
