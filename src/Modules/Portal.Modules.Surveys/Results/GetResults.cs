using System.Security.Claims;
using MediatR;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Surveys.SurveyTemplates;
using Portal.Web.Formatting;

namespace Portal.Modules.Surveys.Results;

/// <summary>The results page (staff: /Surveys/Manage/Results; an organisation administrator: /Surveys/Results with
/// <see cref="OwnOrganisation"/>, restricted to their organisation).</summary>
public sealed record GetResults(ClaimsPrincipal User, ResultsArgs Args, bool OwnOrganisation) : IRequest<GetResults.Result?>
{
    /// <summary>What the page shows. <see cref="Version"/> is null when there is no template yet; <see cref="From"/>..
    /// <see cref="To"/> are the vendor's days the period covers (both included). <see cref="FollowUps"/> counts the follow-ups
    /// opened in the period from this version's responses (of the organisation, when one is chosen or forced).</summary>
    public sealed record Result(
        IReadOnlyList<TemplateSummary> Templates, TemplateVersion? Version, DateOnly From, DateOnly To, string? Product, long? Organisation,
        bool OwnOrganisation, IReadOnlyList<ProductInfo> Products, IReadOnlyList<OrganisationInfo> Organisations, ResultsReport Report,
        FollowUps.FollowUpSummary FollowUps)
    {
        public string OrganisationName(string id) =>
            Organisations.FirstOrDefault(o => o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == id)?.Name ?? id;
    }

    /// <summary>Null when the user may not see results.</summary>
    internal sealed class Handler(IMediator mediator, TemplateStore templates, ResultsQueries queries, TimeProvider clock, DisplayTime time)
        : IRequestHandler<GetResults, Result?>
    {
        public async Task<Result?> Handle(GetResults request, CancellationToken ct)
        {
            var scope = await ResultsScope.OfAsync(mediator, request.User, request.OwnOrganisation, ct);
            if (!scope.Allowed) return null;
            var selection = await ResultsSelection.ResolveAsync(templates, clock, time, request.Args, scope, ct);
            var products = await mediator.Send(new ListProducts(IncludeInactive: true), ct);
            var organisations = await mediator.Send(new ListOrganisations(), ct);
            if (scope.OwnOrganisation is { } own) organisations = [.. organisations.Where(o => o.Id == own)];
            var report = selection.Version is null ? ResultsReport.Empty : await queries.ReportAsync(selection.Version, selection.Filter!, ct);
            var followUps = selection.Filter is { } f
                ? await mediator.Send(new FollowUps.GetFollowUpSummary(f.VersionId, f.From, f.To, f.Organisation), ct)
                : new FollowUps.FollowUpSummary(0, 0, 0, 0);
            return new Result(selection.Templates, selection.Version, selection.From, selection.To, selection.Product, selection.Organisation,
                request.OwnOrganisation, products, organisations, report, followUps);
        }
    }
}
