using Dapper;
using Portal.Modules.Core.Data;

namespace Portal.Modules.Feedback.Team;

/// <summary>Who works in which tier, who leads a tier, who supervises. Staff without a row are tier-1
/// engineers who lead nothing.</summary>
public sealed class TeamDirectory(IDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<TeamMember>> AllAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<TeamMember>($"SELECT {TeamMember.Columns} FROM fb_team t ORDER BY t.tier, t.display_name, t.user_id")];
    }

    public async Task<TeamMember?> MemberAsync(long userId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<TeamMember>($"SELECT {TeamMember.Columns} FROM fb_team t WHERE t.user_id = @userId", new { userId });
    }

    /// <summary>The leads of <paramref name="tier"/>: they get the tier's SLA warnings.</summary>
    public async Task<IReadOnlyList<TeamMember>> LeadsAsync(int tier, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<TeamMember>(
            $"SELECT {TeamMember.Columns} FROM fb_team t WHERE t.tier = @tier AND t.is_lead = @True ORDER BY t.user_id", new { tier, True = true })];
    }

    /// <summary>The service supervisors: complaints go to them.</summary>
    public async Task<IReadOnlyList<TeamMember>> SupervisorsAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<TeamMember>(
            $"SELECT {TeamMember.Columns} FROM fb_team t WHERE t.is_supervisor = @True ORDER BY t.user_id", new { True = true })];
    }

    public async Task<bool> IsSupervisorAsync(long userId, CancellationToken ct) =>
        (await MemberAsync(userId, ct))?.IsSupervisor == true;

    /// <summary>Adds or updates a member's row (the caller has checked they are staff).</summary>
    public Task SaveAsync(TeamMember member, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO fb_team (user_id, display_name, email, tier, is_lead, is_supervisor, updated_at)
            VALUES (@UserId, @DisplayName, @Email, @Tier, @IsLead, @IsSupervisor, @now)
            ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, email = excluded.email, tier = excluded.tier,
                is_lead = excluded.is_lead, is_supervisor = excluded.is_supervisor, updated_at = excluded.updated_at
            """, new { member.UserId, member.DisplayName, member.Email, member.Tier, member.IsLead, member.IsSupervisor, now = clock.GetUtcNow() }, tx), ct);
}
