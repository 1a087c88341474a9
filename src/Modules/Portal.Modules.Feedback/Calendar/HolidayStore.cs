using System.Data.Common;
using Dapper;
using Portal.Modules.Core.Data;
using Portal.Modules.Feedback.Domain;

namespace Portal.Modules.Feedback.Calendar;

/// <summary>Reads and writes fb_holidays. Every write bumps fb_holiday_revision in its
/// transaction (other nodes see the change there) and <see cref="LocalChanges"/> after commit
/// (this node's <see cref="ServiceClock"/> reloads at once).</summary>
internal sealed class HolidayStore(IDb db, TimeProvider clock)
{
    private long localChanges;

    public long LocalChanges => Interlocked.Read(ref localChanges);

    public async Task<long> RevisionAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT revision FROM fb_holiday_revision WHERE id = 1");
    }

    public async Task<IReadOnlyList<HolidayRow>> AllAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<HolidayRow>($"SELECT {HolidayRow.Columns} FROM fb_holidays ORDER BY day")];
    }

    public async Task<IReadOnlyList<HolidayRow>> YearAsync(int year, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<HolidayRow>($"SELECT {HolidayRow.Columns} FROM fb_holidays WHERE day >= @From AND day < @To ORDER BY day",
            new { From = new DateOnly(year, 1, 1), To = new DateOnly(year + 1, 1, 1) })];
    }

    /// <summary>The years that have days, ascending.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var days = await c.QueryAsync<DateOnly>("SELECT day FROM fb_holidays ORDER BY day");
        return [.. days.Select(d => d.Year).Distinct()];
    }

    public async Task<HolidayRow?> FindAsync(DateOnly day, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<HolidayRow>($"SELECT {HolidayRow.Columns} FROM fb_holidays WHERE day = @day", new { day });
    }

    public enum SaveOutcome
    {
        Saved,

        /// <summary>The day edited (<c>original</c>) no longer exists.</summary>
        NotFound,

        /// <summary>Another entry already has the new day.</summary>
        Taken,
    }

    /// <summary>Adds a day (<paramref name="original"/> null) or changes the day <paramref name="original"/>, possibly moving it.</summary>
    public async Task<SaveOutcome> SaveAsync(HolidayDay day, DateOnly? original, long? by, CancellationToken ct)
    {
        var outcome = await db.WriteAsync(async (c, tx) =>
        {
            if (original is { } from && await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM fb_holidays WHERE day = @from", new { from }, tx) == 0)
                return SaveOutcome.NotFound;
            if (original != day.Day && await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM fb_holidays WHERE day = @Day", new { day.Day }, tx) > 0)
                return SaveOutcome.Taken;
            if (original is { } old) await c.ExecuteAsync("DELETE FROM fb_holidays WHERE day = @old", new { old }, tx);
            await InsertAsync(c, tx, day, by);
            await BumpAsync(c, tx);
            return SaveOutcome.Saved;
        }, ct);
        if (outcome == SaveOutcome.Saved) Interlocked.Increment(ref localChanges);
        return outcome;
    }

    public async Task<bool> DeleteAsync(DateOnly day, CancellationToken ct)
    {
        var deleted = await db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync("DELETE FROM fb_holidays WHERE day = @day", new { day }, tx) == 0) return false;
            await BumpAsync(c, tx);
            return true;
        }, ct);
        if (deleted) Interlocked.Increment(ref localChanges);
        return deleted;
    }

    public sealed record ImportCounts(int Added, int Updated, int Unchanged);

    /// <summary>Adds the days that are new and updates those whose kind or name changed, in one
    /// transaction; days not listed are left alone.</summary>
    public async Task<ImportCounts> ImportAsync(IReadOnlyList<HolidayDay> days, long? by, CancellationToken ct)
    {
        var counts = await db.WriteAsync(async (c, tx) =>
        {
            var existing = (await c.QueryAsync<HolidayRow>($"SELECT {HolidayRow.Columns} FROM fb_holidays", transaction: tx)).ToDictionary(r => r.Day);
            int added = 0, updated = 0;
            foreach (var day in days)
            {
                if (!existing.TryGetValue(day.Day, out var row))
                {
                    await InsertAsync(c, tx, day, by);
                    added++;
                }
                else if (row.Kind != HolidayKinds.Code(day.Kind) || row.Name != day.Name)
                {
                    await c.ExecuteAsync("UPDATE fb_holidays SET kind = @Kind, name = @Name, updated_at = @Now, updated_by = @by WHERE day = @Day",
                        new { Kind = HolidayKinds.Code(day.Kind), day.Name, Now = clock.GetUtcNow(), by, day.Day }, tx);
                    updated++;
                }
            }
            if (added + updated > 0) await BumpAsync(c, tx);
            return new ImportCounts(added, updated, days.Count - added - updated);
        }, ct);
        if (counts.Added + counts.Updated > 0) Interlocked.Increment(ref localChanges);
        return counts;
    }

    private Task InsertAsync(DbConnection c, DbTransaction tx, HolidayDay day, long? by) =>
        c.ExecuteAsync("INSERT INTO fb_holidays (day, kind, name, updated_at, updated_by) VALUES (@Day, @Kind, @Name, @Now, @by)",
            new { day.Day, Kind = HolidayKinds.Code(day.Kind), day.Name, Now = clock.GetUtcNow(), by }, tx);

    private static Task BumpAsync(DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync("UPDATE fb_holiday_revision SET revision = revision + 1 WHERE id = 1", transaction: tx);
}
