using Portal.Modules.Surveys.SurveyTemplates;
using Portal.Web.Formatting;

namespace Portal.Modules.Surveys.Results;

/// <summary>The form's choices made definite: the template (asked for, else the first general one, else the first), its
/// version (asked for, else the current), the period (asked for, else from the first day of the month 11 months ago to
/// today: twelve calendar months), the filters, and the organisation forced to the user's own for an organisation administrator.</summary>
internal sealed record ResultsSelection(IReadOnlyList<TemplateSummary> Templates, TemplateVersion? Version, DateOnly From, DateOnly To,
    string? Product, long? Organisation, ResultsFilter? Filter)
{
    public static async Task<ResultsSelection> ResolveAsync(TemplateStore store, TimeProvider clock, DisplayTime time, ResultsArgs args,
        ResultsScope scope, CancellationToken ct)
    {
        var all = await store.ListAsync(ct);
        var template = all.FirstOrDefault(t => t.Id == args.Template) ?? all.FirstOrDefault(t => t.Purpose == "general") ?? all.FirstOrDefault();
        var version = template is null ? null
            : await store.FindAsync(template.Id, args.Version, ct) ?? await store.FindAsync(template.Id, null, ct);
        var today = time.Day(clock.GetUtcNow());
        var to = args.To ?? today;
        var from = args.From ?? new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        if (from > to) (from, to) = (to, from);
        var product = string.IsNullOrWhiteSpace(args.Product) ? null : args.Product.Trim();
        var organisation = scope.OwnOrganisation ?? args.Organisation;
        var filter = version is null ? null : new ResultsFilter(version.Id, Start(time, from), Start(time, to.AddDays(1)), product, organisation);
        return new ResultsSelection(all, version, from, to, product, organisation, filter);
    }

    /// <summary>The instant the vendor's day begins.</summary>
    private static DateTimeOffset Start(DisplayTime time, DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, time.Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
