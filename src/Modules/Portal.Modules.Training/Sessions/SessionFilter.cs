namespace Portal.Modules.Training.Sessions;

/// <summary>The calendar's filters; null or empty means any. Values are checked against the allowed lists.</summary>
public sealed record SessionFilter(string? Product, string? Mode, string? Audience)
{
    public static SessionFilter None { get; } = new(null, null, null);

    public SessionFilter Clean() => new(
        // No product code holds a control character (PostgreSQL refuses NUL in a query parameter).
        string.IsNullOrWhiteSpace(Product) || Product.Any(char.IsControl) ? null : Product.Trim(),
        Courses.CourseRules.Modes.Contains(Mode, StringComparer.Ordinal) ? Mode : null,
        Courses.CourseRules.Audiences.Contains(Audience, StringComparer.Ordinal) ? Audience : null);
}
