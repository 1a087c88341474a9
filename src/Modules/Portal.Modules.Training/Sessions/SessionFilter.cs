namespace Portal.Modules.Training.Sessions;

/// <summary>The calendar's filters; null or empty means any. Values are checked against the allowed lists.</summary>
public sealed record SessionFilter(string? Product, string? Mode, string? Audience)
{
    public static SessionFilter None { get; } = new(null, null, null);

    public SessionFilter Clean() => new(
        string.IsNullOrWhiteSpace(Product) ? null : Product.Trim(),
        Courses.CourseRules.Modes.Contains(Mode, StringComparer.Ordinal) ? Mode : null,
        Courses.CourseRules.Audiences.Contains(Audience, StringComparer.Ordinal) ? Audience : null);
}
