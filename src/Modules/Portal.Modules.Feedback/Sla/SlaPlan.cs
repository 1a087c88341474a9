using MediatR;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Feedback.Sla;

/// <summary>The service promised for a request at submission: ServiceContracts' targets for the
/// organisation, product and severity, turned into due times by the service clock (5×8 or 7×24).
/// Not covered: no due time at all.</summary>
public sealed record SlaPlan(bool Covered, string? Level, bool BusinessHours, DateTimeOffset? RespondDue, DateTimeOffset? ResolveDue)
{
    internal static async Task<SlaPlan> ForAsync(IMediator mediator, IServiceClock clock, long organisationId, string productCode, string type,
        int? severity, DateTimeOffset at, CancellationToken ct)
    {
        var target = await mediator.Send(new SlaTargets(organisationId, productCode, RequestVocabulary.SlaSeverity(type, severity), at), ct);
        var level = target.Level == ServiceLevel.Premium ? "premium" : "standard";
        if (!target.Covered) return new SlaPlan(false, null, target.BusinessHours, null, null);
        var respond = await clock.DueAsync(at, target.Respond, target.BusinessHours, ct);
        DateTimeOffset? resolve = target.Resolve is { } r ? await clock.DueAsync(at, r, target.BusinessHours, ct) : null;
        return new SlaPlan(true, level, target.BusinessHours, respond, resolve);
    }
}
