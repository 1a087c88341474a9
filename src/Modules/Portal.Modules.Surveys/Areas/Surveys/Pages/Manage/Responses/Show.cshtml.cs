using System.Security.Claims;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core.Security;
using Portal.Modules.Surveys.Recording;
using Portal.Modules.Surveys.SurveyTemplates;

namespace Portal.Modules.Surveys.Areas.Surveys.Pages.Manage.Responses;

/// <summary>Staff: one response — its template version, organisation, respondent, subject, channel, who recorded it, the
/// header fields and every question of the version with its answer (or none).</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class ShowModel(IMediator mediator) : PageModel
{
    public Result Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!User.IsStaff()) return Forbid();
        if (await mediator.Send(new Query(User, id), ct) is not { } result) return NotFound();
        Shown = result;
        return Page();
    }

    public sealed record Result(ResponseLine Response, TemplateVersion Version, IReadOnlyDictionary<long, AnswerLine> Answers, IReadOnlyList<string> Header,
        string Organisation, string? RecordedBy);

    public sealed record Query(ClaimsPrincipal User, long Id) : IRequest<Result?>;

    internal sealed class Handler(ResponseQueries responses, TemplateStore templates, IMediator mediator) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff() || await responses.ResponseAsync(query.Id, ct) is not { } found) return null;
            var (line, answers) = found;
            if (await templates.FindAsync(line.TemplateId, (int)line.Version, ct) is not { } version) return null;
            var organisation = await mediator.Send(new GetOrganisation(line.OrganisationId), ct);
            string? recordedBy = null;
            if (line.RecordedBy is { } staffId)
            {
                var staff = (await mediator.Send(new ListStaffUsers(), ct)).FirstOrDefault(s => s.UserId == staffId);
                recordedBy = staff is null ? $"#{staffId}" : $"{staff.DisplayName} ({staff.Email})";
            }
            var header = JsonSerializer.Deserialize<List<string>>(line.Header) ?? [];
            return new Result(line, version, answers.ToDictionary(a => a.QuestionId), header, organisation?.Name ?? $"#{line.OrganisationId}", recordedBy);
        }
    }
}
