using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Core.Tests;

public sealed class DapperTypeHandlersTests
{
    private const string SqliteTable = """
        CREATE TABLE ct_scratch (
            id INTEGER PRIMARY KEY, at TEXT NOT NULL, at_null TEXT NULL, day TEXT NOT NULL, day_null TEXT NULL,
            uid TEXT NOT NULL, uid_null TEXT NULL, flag INTEGER NOT NULL, flag_null INTEGER NULL)
        """;

    private const string PostgresTable = """
        CREATE TABLE ct_scratch (
            id BIGINT PRIMARY KEY, at TIMESTAMPTZ NOT NULL, at_null TIMESTAMPTZ NULL, day DATE NOT NULL, day_null DATE NULL,
            uid UUID NOT NULL, uid_null UUID NULL, flag BOOLEAN NOT NULL, flag_null BOOLEAN NULL)
        """;

    // 23:30 in Beijing is 15:30 UTC; 456.7 µs is below PostgreSQL's precision, so use whole microseconds.
    private static readonly DateTimeOffset Beijing = new DateTimeOffset(2026, 3, 4, 23, 30, 15, 123, TimeSpan.FromHours(8)).AddTicks(4560);
    private static readonly DateTimeOffset NewYork = new(2026, 3, 4, 12, 0, 0, TimeSpan.FromHours(-5));

    public sealed class Row
    {
        public long Id { get; set; }
        public DateTimeOffset At { get; set; }
        public DateTimeOffset? AtNull { get; set; }
        public DateOnly Day { get; set; }
        public DateOnly? DayNull { get; set; }
        public Guid Uid { get; set; }
        public Guid? UidNull { get; set; }
        public bool Flag { get; set; }
        public bool? FlagNull { get; set; }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Values_round_trip_with_and_without_nulls(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await TestServices.BuildAsync(db);
        var store = services.GetRequiredService<IDb>();
        var full = new Row
        {
            Id = 1, At = Beijing, AtNull = NewYork, Day = new DateOnly(2026, 2, 28), DayNull = new DateOnly(2024, 2, 29),
            Uid = Guid.NewGuid(), UidNull = Guid.NewGuid(), Flag = true, FlagNull = false,
        };
        var empty = new Row { Id = 2, At = NewYork, Day = new DateOnly(1999, 12, 31), Uid = Guid.NewGuid(), Flag = false };
        await InsertAsync(store, full, empty);

        await using var c = await store.OpenAsync();
        var rows = (await c.QueryAsync<Row>(Select + " ORDER BY id")).ToList();

        Assert.Equal(2, rows.Count);
        AssertSame(full, rows[0]);
        AssertSame(empty, rows[1]);
        Assert.All(rows, r => Assert.Equal(TimeSpan.Zero, r.At.Offset));
        Assert.Equal(TimeSpan.Zero, rows[0].AtNull!.Value.Offset);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Instants_are_stored_as_UTC_and_compare_as_instants(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await TestServices.BuildAsync(db);
        var store = services.GetRequiredService<IDb>();
        // Local clock time orders these the other way round: 23:30+08 is before 12:00-05.
        await InsertAsync(store,
            new Row { Id = 1, At = NewYork, Day = new DateOnly(2026, 3, 4), Uid = Guid.NewGuid() },
            new Row { Id = 2, At = Beijing, Day = new DateOnly(2026, 3, 4), Uid = Guid.NewGuid() });

        await using var c = await store.OpenAsync();
        Assert.Equal([2L, 1L], await c.QueryAsync<long>("SELECT id FROM ct_scratch ORDER BY at"));
        Assert.Equal(2L, await c.ExecuteScalarAsync<long>("SELECT id FROM ct_scratch WHERE at = @At", new { At = Beijing.ToOffset(TimeSpan.FromHours(-3)) }));
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ct_scratch WHERE at > @At", new { At = Beijing }));
        Assert.Equal(Beijing, await c.ExecuteScalarAsync<DateTimeOffset>("SELECT at FROM ct_scratch WHERE id = 2"));
        var utcText = store.Dialect is PostgresDialect
            ? "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM ct_scratch WHERE id = 2"
            : "SELECT at FROM ct_scratch WHERE id = 2";
        Assert.StartsWith("2026-03-04T15:30:15.123456", await c.ExecuteScalarAsync<string>(utcText), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Dates_guids_and_flags_work_as_parameters(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var services = await TestServices.BuildAsync(db);
        var store = services.GetRequiredService<IDb>();
        var uid = Guid.NewGuid();
        await InsertAsync(store,
            new Row { Id = 1, At = Beijing, Day = new DateOnly(2026, 1, 5), Uid = Guid.NewGuid(), Flag = false },
            new Row { Id = 2, At = Beijing, Day = new DateOnly(2026, 1, 20), Uid = uid, UidNull = uid, Flag = true });

        await using var c = await store.OpenAsync();
        Assert.Equal(2L, await c.ExecuteScalarAsync<long>("SELECT id FROM ct_scratch WHERE uid = @uid", new { uid }));
        Assert.Equal(2L, await c.ExecuteScalarAsync<long>("SELECT id FROM ct_scratch WHERE uid_null = @uid", new { uid }));
        Assert.Equal(2L, await c.ExecuteScalarAsync<long>("SELECT id FROM ct_scratch WHERE day > @Day", new { Day = new DateOnly(2026, 1, 9) }));
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT id FROM ct_scratch WHERE flag = @Flag", new { Flag = false }));
        Assert.Equal(uid, await c.ExecuteScalarAsync<Guid>("SELECT uid FROM ct_scratch WHERE id = 2"));
        Assert.Equal(new DateOnly(2026, 1, 20), await c.ExecuteScalarAsync<DateOnly>("SELECT day FROM ct_scratch WHERE id = 2"));
        Assert.Null(await c.ExecuteScalarAsync<Guid?>("SELECT uid_null FROM ct_scratch WHERE id = 1"));
    }

    private const string Select = """
        SELECT id AS Id, at AS At, at_null AS AtNull, day AS Day, day_null AS DayNull, uid AS Uid, uid_null AS UidNull,
               flag AS Flag, flag_null AS FlagNull
        FROM ct_scratch
        """;

    private static Task InsertAsync(IDb store, params Row[] rows) =>
        store.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(store.Dialect is PostgresDialect ? PostgresTable : SqliteTable, transaction: tx);
            await c.ExecuteAsync("""
                INSERT INTO ct_scratch (id, at, at_null, day, day_null, uid, uid_null, flag, flag_null)
                VALUES (@Id, @At, @AtNull, @Day, @DayNull, @Uid, @UidNull, @Flag, @FlagNull)
                """, rows, tx);
        });

    private static void AssertSame(Row expected, Row actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.At, actual.At);
        Assert.Equal(expected.AtNull, actual.AtNull);
        Assert.Equal(expected.Day, actual.Day);
        Assert.Equal(expected.DayNull, actual.DayNull);
        Assert.Equal(expected.Uid, actual.Uid);
        Assert.Equal(expected.UidNull, actual.UidNull);
        Assert.Equal(expected.Flag, actual.Flag);
        Assert.Equal(expected.FlagNull, actual.FlagNull);
    }
}
