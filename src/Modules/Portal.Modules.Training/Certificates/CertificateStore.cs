using System.Data.Common;
using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Training.Certificates;

/// <summary>Reads and changes tr_certificates. Issuing runs inside the attendance transaction.</summary>
public sealed class CertificateStore(IDb db)
{
    private const string Columns = """
        id AS Id, number AS Number, enrollment_id AS EnrollmentId, trainee_user_id AS TraineeUserId, trainee_name AS TraineeName,
        trainee_email AS TraineeEmail, trainee_language AS TraineeLanguage, course_id AS CourseId, course_title_zh AS CourseTitleZh,
        course_title_en AS CourseTitleEn, issued_on AS IssuedOn, expires_on AS ExpiresOn, revoked_at AS RevokedAt, revoke_reason AS RevokeReason
        FROM tr_certificates
        """;

    /// <summary>Issues the certificate of an attended enrollment unless it has one; returns its number.
    /// Simultaneous saves meet at the unique index on enrollment_id and keep the first.</summary>
    public static async Task<string> IssueAsync(DbConnection c, DbTransaction tx, long enrollmentId, long courseId, int months, DateOnly today, DateTimeOffset now)
    {
        await c.ExecuteAsync("""
            INSERT INTO tr_certificates (number, enrollment_id, trainee_user_id, trainee_name, trainee_email, trainee_language, course_id,
                course_title_zh, course_title_en, issued_on, expires_on, created_at)
            SELECT @number, e.id, e.trainee_user_id, e.trainee_name, e.trainee_email, e.trainee_language, c.id, c.title_zh, c.title_en,
                @today, @expires, @now
            FROM tr_enrollments e, tr_courses c WHERE e.id = @enrollmentId AND c.id = @courseId
            ON CONFLICT (enrollment_id) DO NOTHING
            """, new { number = CertificateNumber.New(today), enrollmentId, courseId, today, expires = today.AddMonths(months), now }, tx);
        return await c.ExecuteScalarAsync<string>("SELECT number FROM tr_certificates WHERE enrollment_id = @enrollmentId", new { enrollmentId }, tx)
            ?? throw new InvalidOperationException("The certificate was not written.");
    }

    public async Task<CertificateRow?> ByNumberAsync(string number, CancellationToken ct)
    {
        if (!CertificateNumber.LooksValid(number)) return null;
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<CertificateRow>($"SELECT {Columns} WHERE number = @number", new { number });
    }

    public async Task<CertificateRow?> ByIdAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<CertificateRow>($"SELECT {Columns} WHERE id = @id", new { id });
    }

    public async Task<IReadOnlyList<CertificateRow>> OfTraineeAsync(long userId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<CertificateRow>($"SELECT {Columns} WHERE trainee_user_id = @userId ORDER BY issued_on DESC, id DESC", new { userId })];
    }

    /// <summary>Staff search by number or trainee name (case-insensitive part), newest first.</summary>
    public async Task<(IReadOnlyList<CertificateRow> Rows, long Total)> SearchAsync(string? q, int page, int size, CancellationToken ct)
    {
        var text = (q ?? "").Trim().ToLowerInvariant();
        var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var where = text.Length == 0 ? "" : "WHERE LOWER(number) LIKE @pattern ESCAPE '\\' OR LOWER(trainee_name) LIKE @pattern ESCAPE '\\'";
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM tr_certificates {where}", new { pattern });
        var rows = await c.QueryAsync<CertificateRow>($"SELECT {Columns} {where} ORDER BY id DESC LIMIT @size OFFSET @offset",
            new { pattern, size, offset = Portal.Web.Paging.PagedList<CertificateRow>.Offset(page, size) });
        return ([.. rows], total);
    }

    /// <summary>Revokes a certificate that is not revoked yet; false when unknown or already revoked.</summary>
    public Task<bool> RevokeAsync(long id, long staffUserId, string reason, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync("""
            UPDATE tr_certificates SET revoked_at = @now, revoked_by = @staffUserId, revoke_reason = @reason
            WHERE id = @id AND revoked_at IS NULL
            """, new { id, staffUserId, reason, now }, tx) == 1, ct);
}
