using System.Globalization;
using System.Security.Claims;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;
using Portal.Web.Formatting;

namespace Portal.Modules.Surveys.Invitations;

/// <summary>The home page lists the signed-in user's surveys that are still open (not answered, not expired), soonest
/// expiry first, each linking to /Surveys/Open/{id}.</summary>
internal sealed class OpenSurveyNotices(IDb db, TimeProvider clock, DisplayTime time) : IHomeNotices
{
    private const int Shown = 5;

    public async Task<IReadOnlyList<HomeNotice>> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.UserId() is not { } me) return [];
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition("""
            SELECT i.id AS Id, i.subject_label AS SubjectLabel, i.expires_at AS ExpiresAt, v.title_zh AS TitleZh, v.title_en AS TitleEn
            FROM sv_invitations i JOIN sv_template_versions v ON v.id = i.template_version_id
            WHERE i.user_id = @me AND i.answered_at IS NULL AND i.expires_at > @now
            ORDER BY i.expires_at, i.id LIMIT @Shown
            """, new { me, now = clock.GetUtcNow(), Shown }, cancellationToken: ct));
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        return [.. rows.Select(r => new HomeNotice("Please answer our survey \"{0}\" about {1} (open until {2}).",
            [chinese ? r.TitleZh : r.TitleEn, r.SubjectLabel, time.Date(r.ExpiresAt)],
            string.Create(CultureInfo.InvariantCulture, $"/Surveys/Open/{r.Id}"), "Answer the survey", Order: 10))];
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public string SubjectLabel { get; set; } = "";
        public DateTimeOffset ExpiresAt { get; set; }
        public string TitleZh { get; set; } = "";
        public string TitleEn { get; set; } = "";
    }
}
