using System.Data.Common;
using System.Globalization;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Notifications.Contracts;
using Portal.Web.Formatting;

namespace Portal.Modules.Surveys.Invitations;

/// <summary>sv_invitations and the responses given to them. An invitation is created once per subject and person
/// (UNIQUE (subject_kind, subject_id, email)), its link emailed through the outbox in the same transaction; a response
/// is stored once per invitation (sv_responses.invitation_id UNIQUE).</summary>
internal sealed class InvitationStore(IDb db, IOutbox outbox, TimeProvider clock, IOptions<SurveysOptions> options,
    IOptions<PortalOptions> portal, DisplayTime time, IMediator mediator, IDataProtectionProvider protection)
{
    public const string EmailTemplate = "surveys.invitation";

    /// <summary>The Data Protection purpose of sv_invitations.token_protected.</summary>
    public const string TokenPurpose = "Portal.Surveys.InvitationToken";

    public enum SubmitOutcome { Stored, AlreadyAnswered, Expired }

    /// <summary>Invites to <see cref="NewInvitation.TemplateVersionId"/>, or else the current version of the template for the
    /// subject's purpose. Returns the new invitation's id, or null when there is no such template or this person was already
    /// invited about this subject.</summary>
    public async Task<long?> InviteAsync(NewInvitation invite, CancellationToken ct) => (await InviteManyAsync([invite], ct))[0];

    /// <summary>Invites each person in one transaction (callers keep the list small: a campaign sends batches); the ids
    /// in the same order, null where nothing was made. A person who turned survey emails off on the profile gets the
    /// invitation (answerable from the home page) but no email.</summary>
    public async Task<IReadOnlyList<long?>> InviteManyAsync(IReadOnlyList<NewInvitation> invites, CancellationToken ct)
    {
        var quiet = await OptedOutAsync(invites.Select(i => i.UserId), ct);
        return await db.WriteAsync(async (c, tx) =>
        {
            var ids = new List<long?>(invites.Count);
            foreach (var invite in invites)
                ids.Add(await InsertAsync(c, tx, invite, invite.UserId is { } user && quiet.Contains(user)));
            return ids;
        }, ct);
    }

    /// <summary>The users among <paramref name="userIds"/> who turned survey emails off (GetEmailPreferences).</summary>
    public async Task<HashSet<long>> OptedOutAsync(IEnumerable<long?> userIds, CancellationToken ct)
    {
        var ids = userIds.OfType<long>().Distinct().ToList();
        if (ids.Count == 0) return [];
        var chosen = await mediator.Send(new GetEmailPreferences(ids), ct);
        return [.. chosen.Where(p => !p.Value.SurveyEmails).Select(p => p.Key)];
    }

    /// <summary>The link of a token.</summary>
    public string Link(string token) =>
        string.Create(CultureInfo.InvariantCulture, $"{portal.Value.BaseUrl.TrimEnd('/')}/Surveys/Answer/{token}");

    private IDataProtector Protector => protection.CreateProtector(TokenPurpose);

    /// <summary>The token of a stored token_protected value, or null when it cannot be read (keys lost).</summary>
    public string? Unprotect(string? stored)
    {
        if (string.IsNullOrEmpty(stored)) return null;
        try { return Protector.Unprotect(stored); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }

    private async Task<long?> InsertAsync(DbConnection c, DbTransaction tx, NewInvitation invite, bool quiet)
    {
        var versionId = invite.TemplateVersionId ?? await c.ExecuteScalarAsync<long?>("""
            SELECT v.id FROM sv_templates t JOIN sv_template_versions v ON v.template_id = t.id
            WHERE t.purpose = @purpose ORDER BY t.id, v.version DESC LIMIT 1
            """, new { purpose = SurveySubject.Purpose(invite.SubjectKind) }, tx);
        if (versionId is null) return null;
        var token = SurveyToken.New();
        var now = clock.GetUtcNow();
        var expires = now.AddDays(options.Value.InvitationDays);
        var english = invite.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var id = await c.ExecuteScalarAsync<long?>("""
            INSERT INTO sv_invitations (template_version_id, token_hash, token_protected, user_id, organisation_id, email, language,
                subject_kind, subject_id, subject_label, created_at, expires_at, product_code, engineer, instructor)
            VALUES (@versionId, @hash, @protectedToken, @UserId, @OrganisationId, @Email, @language, @SubjectKind, @SubjectId, @SubjectLabel, @now, @expires,
                @ProductCode, @Engineer, @Instructor)
            ON CONFLICT DO NOTHING RETURNING id
            """, new { versionId, hash = SurveyToken.Hash(token), protectedToken = Protector.Protect(token), invite.UserId, invite.OrganisationId, invite.Email,
                language = english ? "en" : "zh-CN", invite.SubjectKind, invite.SubjectId, invite.SubjectLabel, now, expires,
                invite.ProductCode, invite.Engineer, invite.Instructor }, tx);
        if (id is null || quiet) return id;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["subject"] = english ? invite.SubjectEn : invite.SubjectZh,
            ["link"] = Link(token),
            ["expires"] = time.Date(expires),
        };
        var template = invite.EmailTemplate ?? EmailTemplate;
        var email = new EmailRequested(invite.Email, template, english ? "en" : "zh-CN", values,
            string.Create(CultureInfo.InvariantCulture, $"{template}:{id}"));
        await outbox.EnqueueAsync(c, tx, email, email.DedupKey);
        return id;
    }

    private const string RowSql = """
        SELECT i.id AS Id, i.template_version_id AS TemplateVersionId, v.template_id AS TemplateId, v.version AS VersionNumber,
            i.organisation_id AS OrganisationId, i.language AS Language, i.subject_label AS SubjectLabel,
            i.expires_at AS ExpiresAt, i.answered_at AS AnsweredAt, i.user_id AS UserId, i.email AS Email
        FROM sv_invitations i JOIN sv_template_versions v ON v.id = i.template_version_id
        """;

    /// <summary>The invitation of a link, or null when no invitation has this token.</summary>
    public async Task<InvitationRow?> FindAsync(string? token, CancellationToken ct)
    {
        if (SurveyToken.Hash(token) is not { } hash) return null;
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<InvitationRow>(new CommandDefinition(RowSql + " WHERE i.token_hash = @hash",
            new { hash }, cancellationToken: ct));
    }

    /// <summary>An invitation by id (the signed-in invitee's link, staff recording a response), or null.</summary>
    public async Task<InvitationRow?> FindByIdAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<InvitationRow>(new CommandDefinition(RowSql + " WHERE i.id = @id",
            new { id }, cancellationToken: ct));
    }

    /// <summary>Stores the response with its answers and marks the invitation answered, all or nothing. A second
    /// submission (another tab, a double click, two at the same instant) finds it answered or loses on the unique
    /// invitation_id, and stores nothing. <paramref name="channel"/> is how the answers came (web, or phone/fax/email
    /// when staff member <paramref name="recordedBy"/> records them for the customer).</summary>
    public async Task<SubmitOutcome> SubmitAsync(InvitationRow invitation, IReadOnlyList<string> header, IReadOnlyList<GivenAnswer> answers, CancellationToken ct,
        string channel = "web", long? recordedBy = null)
    {
        try
        {
            return await db.WriteAsync(async (c, tx) =>
            {
                var now = clock.GetUtcNow();
                var claimed = await c.ExecuteAsync(
                    "UPDATE sv_invitations SET answered_at = @now WHERE id = @Id AND answered_at IS NULL AND expires_at > @now",
                    new { now, invitation.Id }, tx);
                if (claimed == 0)
                {
                    var answered = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sv_invitations WHERE id = @Id AND answered_at IS NOT NULL",
                        new { invitation.Id }, tx);
                    return answered > 0 ? SubmitOutcome.AlreadyAnswered : SubmitOutcome.Expired;
                }
                var responseId = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO sv_responses (invitation_id, template_version_id, organisation_id, channel, header, recorded_by, submitted_at)
                    VALUES (@Id, @TemplateVersionId, @OrganisationId, @channel, @header, @recordedBy, @now) RETURNING id
                    """, new { invitation.Id, invitation.TemplateVersionId, invitation.OrganisationId, channel, header = System.Text.Json.JsonSerializer.Serialize(header),
                        recordedBy, now }, tx);
                await InsertAnswersAsync(c, tx, responseId, answers);
                await Results.SurveyRollups.AddResponseAsync(c, tx, time, responseId);
                await FollowUps.FollowUpTrigger.OnResponseStoredAsync(c, tx, outbox, responseId);
                return SubmitOutcome.Stored;
            }, ct);
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return SubmitOutcome.AlreadyAnswered;
        }
    }

    private static async Task InsertAnswersAsync(DbConnection c, DbTransaction tx, long responseId, IReadOnlyList<GivenAnswer> answers)
    {
        foreach (var a in answers)
            await c.ExecuteAsync("""
                INSERT INTO sv_answers (response_id, question_id, rating, not_applicable, choice, text, remark)
                VALUES (@responseId, @QuestionId, @Rating, @NotApplicable, @Choice, @Text, @Remark)
                """, new { responseId, a.QuestionId, a.Rating, a.NotApplicable, a.Choice, a.Text, a.Remark }, tx);
    }
}
