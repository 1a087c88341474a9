namespace Portal.Testing;

/// <summary>A TimeProvider whose "now" the test sets and advances.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset now = now;

    public FakeClock() : this(new DateTimeOffset(2026, 11, 2, 1, 30, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;

    public void Set(DateTimeOffset value) => now = value;
}
