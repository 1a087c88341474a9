using System.Text;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Web.Paging;

namespace Portal.Modules.Surveys.Recording;

/// <summary>Staff lists: responses (newest first) and invitations with their status, and one response with its answers.</summary>
internal sealed class ResponseQueries(IDb db, TimeProvider clock)
{
    public const string Pending = "pending", Answered = "answered", Expired = "expired";
    public static readonly string[] Statuses = [Pending, Answered, Expired];
    public static readonly string[] Channels = ["web", "phone", "fax", "email"];

    private const string LineSql = """
        SELECT r.id AS Id, r.submitted_at AS SubmittedAt, v.template_id AS TemplateId, v.version AS Version, v.title_zh AS TitleZh,
            v.title_en AS TitleEn, r.organisation_id AS OrganisationId, i.email AS Email, i.subject_label AS SubjectLabel, r.channel AS Channel,
            r.recorded_by AS RecordedBy, r.header AS Header, i.id AS InvitationId
        FROM sv_responses r JOIN sv_invitations i ON i.id = r.invitation_id JOIN sv_template_versions v ON v.id = r.template_version_id
        """;

    public async Task<PagedList<ResponseLine>> ResponsesAsync(long? templateId, long? organisationId, string? channel, int page, CancellationToken ct)
    {
        var where = new StringBuilder(" WHERE 1 = 1");
        if (templateId is not null) where.Append(" AND v.template_id = @templateId");
        if (organisationId is not null) where.Append(" AND r.organisation_id = @organisationId");
        if (channel is not null) where.Append(" AND r.channel = @channel");
        var size = PagedList<ResponseLine>.DefaultPageSize;
        var args = new { templateId, organisationId, channel, size, offset = PagedList<ResponseLine>.Offset(page, size) };
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sv_responses r JOIN sv_template_versions v ON v.id = r.template_version_id" + where, args, cancellationToken: ct));
        var rows = await c.QueryAsync<ResponseLine>(new CommandDefinition(
            LineSql + where + " ORDER BY r.submitted_at DESC, r.id DESC LIMIT @size OFFSET @offset", args, cancellationToken: ct));
        return new PagedList<ResponseLine>([.. rows], PagedList<ResponseLine>.Normalize(page), size, total);
    }

    public async Task<(ResponseLine Line, IReadOnlyList<AnswerLine> Answers)?> ResponseAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var line = await c.QuerySingleOrDefaultAsync<ResponseLine>(new CommandDefinition(LineSql + " WHERE r.id = @id", new { id }, cancellationToken: ct));
        if (line is null) return null;
        var answers = await c.QueryAsync<AnswerLine>(new CommandDefinition("""
            SELECT question_id AS QuestionId, rating AS Rating, not_applicable AS NotApplicable, choice AS Choice, text AS Text, remark AS Remark
            FROM sv_answers WHERE response_id = @id
            """, new { id }, cancellationToken: ct));
        return (line, [.. answers]);
    }

    public async Task<long?> ResponseOfInvitationAsync(long invitationId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT id FROM sv_responses WHERE invitation_id = @invitationId",
            new { invitationId }, cancellationToken: ct));
    }

    /// <summary>Invitations, newest first. <paramref name="organisationIds"/> (when not null) and <paramref name="email"/>
    /// narrow the list: the search box matches an email part or an organisation name.</summary>
    public async Task<PagedList<InvitationLine>> InvitationsAsync(string? status, string? search, IReadOnlyList<long>? organisationIds, int page, CancellationToken ct)
    {
        var where = new StringBuilder(" WHERE 1 = 1");
        if (status == Pending) where.Append(" AND i.answered_at IS NULL AND i.expires_at > @now");
        else if (status == Answered) where.Append(" AND i.answered_at IS NOT NULL");
        else if (status == Expired) where.Append(" AND i.answered_at IS NULL AND i.expires_at <= @now");
        if (!string.IsNullOrEmpty(search))
            where.Append(organisationIds is { Count: > 0 }
                ? $" AND (LOWER(i.email) LIKE @pattern ESCAPE '\\' OR i.organisation_id IN ({string.Join(",", organisationIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)))}))"
                : " AND LOWER(i.email) LIKE @pattern ESCAPE '\\'");
        var size = PagedList<InvitationLine>.DefaultPageSize;
        var pattern = "%" + (search ?? "").ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        // Organisation ids are numbers from ListOrganisations, written into the SQL (IN @list differs between the providers).
        var args = new { now = clock.GetUtcNow(), pattern, size, offset = PagedList<InvitationLine>.Offset(page, size) };
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM sv_invitations i" + where, args, cancellationToken: ct));
        var rows = await c.QueryAsync<InvitationLine>(new CommandDefinition("""
            SELECT i.id AS Id, i.email AS Email, i.organisation_id AS OrganisationId, i.subject_kind AS SubjectKind, i.subject_label AS SubjectLabel,
                i.created_at AS CreatedAt, i.expires_at AS ExpiresAt, i.answered_at AS AnsweredAt, v.title_zh AS TitleZh, v.title_en AS TitleEn,
                (SELECT r.id FROM sv_responses r WHERE r.invitation_id = i.id) AS ResponseId
            FROM sv_invitations i JOIN sv_template_versions v ON v.id = i.template_version_id
            """ + where + " ORDER BY i.created_at DESC, i.id DESC LIMIT @size OFFSET @offset", args, cancellationToken: ct));
        return new PagedList<InvitationLine>([.. rows], PagedList<InvitationLine>.Normalize(page), size, total);
    }

    public string StatusOf(InvitationLine line) =>
        line.AnsweredAt is not null ? Answered : line.ExpiresAt <= clock.GetUtcNow() ? Expired : Pending;
}

public sealed class ResponseLine
{
    public long Id { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public long TemplateId { get; set; }
    public long Version { get; set; }
    public string TitleZh { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public long OrganisationId { get; set; }
    public string Email { get; set; } = "";
    public string SubjectLabel { get; set; } = "";
    public string Channel { get; set; } = "";
    public long? RecordedBy { get; set; }
    public string Header { get; set; } = "[]";
    public long InvitationId { get; set; }
    public string Title(bool chinese) => chinese ? TitleZh : TitleEn;
}

public sealed class AnswerLine
{
    public long QuestionId { get; set; }
    public int? Rating { get; set; }
    public bool NotApplicable { get; set; }
    public int? Choice { get; set; }
    public string? Text { get; set; }
    public string? Remark { get; set; }
}

public sealed class InvitationLine
{
    public long Id { get; set; }
    public string Email { get; set; } = "";
    public long OrganisationId { get; set; }
    public string SubjectKind { get; set; } = "";
    public string SubjectLabel { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string TitleZh { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public long? ResponseId { get; set; }
    public string Status { get; set; } = "";
    public string Title(bool chinese) => chinese ? TitleZh : TitleEn;
}
