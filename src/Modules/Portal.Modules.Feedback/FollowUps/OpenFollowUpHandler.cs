using System.Data.Common;
using Dapper;
using MediatR;
using Portal.Modules.Core.Data;
using Portal.Modules.Feedback.Contracts;
using Portal.Modules.Feedback.Domain;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Feedback.Sla;
using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Feedback.FollowUps;

/// <summary>Opens the follow-up complaint through <see cref="RequestWorkflow.CreateAsync"/> (numbering, SLA, email,
/// queue) and links it to the survey response in the same transaction (fb_survey_followups.response_id UNIQUE):
/// a redelivered or simultaneous second call finds the link, or loses on it, and returns the first request.</summary>
internal sealed class OpenFollowUpHandler(IDb db, IMediator mediator, RequestWorkflow workflow, IServiceClock serviceClock, TimeProvider clock)
    : IRequestHandler<OpenFollowUpRequest, FollowUpOpened>, IRequestHandler<GetFollowUpResponse, long?>
{
    public async Task<FollowUpOpened> Handle(OpenFollowUpRequest command, CancellationToken ct)
    {
        if (await FindAsync(command.ResponseId, ct) is { } existing) return existing;
        var installations = await mediator.Send(new ListInstallations(command.OrganisationId), ct);
        var installed = installations.FirstOrDefault(i => i.ProductCode == command.ProductCode) ?? installations.FirstOrDefault();
        var productCode = command.ProductCode.Length > 0 ? command.ProductCode : installed?.ProductCode ?? "";
        var version = installed is not null && installed.ProductCode == productCode ? installed.Version.ToString() : "";
        var now = clock.GetUtcNow();
        var plan = await SlaPlan.ForAsync(mediator, serviceClock, command.OrganisationId, productCode, RequestVocabulary.Complaint, null, now, ct);
        var input = new NewRequest(command.OrganisationId, new Actor(command.ContactUserId, command.ContactName, false), command.ContactEmail,
            command.ContactLanguage, "", RequestVocabulary.Complaint, productCode, version, null, Cut(command.Title, 200), Cut(command.Description, 20_000));
        try
        {
            var row = await workflow.CreateAsync(input, plan, [], ct, (c, tx, r) => c.ExecuteAsync(
                "INSERT INTO fb_survey_followups (request_id, response_id, created_at) VALUES (@Id, @ResponseId, @now)",
                new { r.Id, command.ResponseId, now }, tx));
            return new FollowUpOpened(row.Id, row.Reference);
        }
        catch (DbException)
        {
            // Lost to a simultaneous call on the unique response_id: that call's request is the follow-up.
            return await FindAsync(command.ResponseId, ct) ?? throw new InvalidOperationException($"Follow-up of response {command.ResponseId} could not be opened.");
        }
    }

    public async Task<long?> Handle(GetFollowUpResponse query, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT response_id FROM fb_survey_followups WHERE request_id = @RequestId", new { query.RequestId }, cancellationToken: ct));
    }

    private async Task<FollowUpOpened?> FindAsync(long responseId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<FollowUpOpened>(new CommandDefinition("""
            SELECT r.id AS RequestId, r.reference AS Reference FROM fb_survey_followups f JOIN fb_requests r ON r.id = f.request_id
            WHERE f.response_id = @responseId
            """, new { responseId }, cancellationToken: ct));
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
