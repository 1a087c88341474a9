using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Portal.Modules.Core;
using Portal.Modules.Core.Storage;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Core.Tests;

public sealed class StorageAlarmTests
{
    [Fact]
    public void A_full_file_system_sqlite_or_postgresql_is_told_apart_from_other_failures()
    {
        Assert.True(StorageFull.Is(new IOException("No space left on device", 28)));
        Assert.True(StorageFull.Is(new InvalidOperationException("wrapped", new SqliteException("database or disk is full", 13))));
        Assert.True(StorageFull.Is(new PostgresException("could not extend file", "ERROR", "ERROR", PostgresErrorCodes.DiskFull)));
        Assert.True(StorageFull.Is(new AggregateException(new IOException("disk full", unchecked((int)0x80070070)))));

        Assert.False(StorageFull.Is(new IOException("Permission denied", 13)));
        Assert.False(StorageFull.Is(new SqliteException("database is locked", 5)));
        Assert.False(StorageFull.Is(new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)));
        Assert.False(StorageFull.Is(null));
    }

    [Fact]
    public void A_full_disk_is_logged_once_per_episode_and_the_alarm_ends_when_there_is_room_again()
    {
        var clock = new FakeTimeProvider(TestClock.Start);
        var log = new CountingLogger();
        var free = Path.GetTempPath();
        var threshold = new StorageOptions { MinFreeMegabytes = 1e12 };
        var alarm = new StorageAlarm(Options.Create(new PortalOptions { DataPath = free }), Options.Create(threshold), clock, log);

        for (var i = 0; i < 50; i++) alarm.Raise(new IOException("No space left on device", 28), "test");
        Assert.Equal(1, log.Critical);
        Assert.True(alarm.IsRaised);

        threshold.MinFreeMegabytes = 0; // space was freed
        Assert.True(alarm.IsRaised); // looked at again only after a while
        clock.Advance(StorageAlarm.RecheckEvery);
        Assert.False(alarm.IsRaised);
        Assert.Equal(1, log.Warnings);

        alarm.Raise(new IOException("No space left on device", 28), "test");
        Assert.Equal(2, log.Critical);
    }

    private sealed class CountingLogger : ILogger<StorageAlarm>
    {
        public int Critical { get; private set; }

        public int Warnings { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => NullLogger.Instance.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Critical) Critical++;
            if (logLevel == LogLevel.Warning) Warnings++;
        }
    }
}
