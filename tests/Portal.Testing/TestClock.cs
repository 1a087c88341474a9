namespace Portal.Testing;

/// <summary>Where tests' fake clocks (FakeTimeProvider) start unless a test needs another moment:
/// a Monday morning in the vendor's time zone (09:30 Asia/Shanghai).</summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 30, 0, TimeSpan.Zero);
}
