namespace Portal.Modules.Accounts.Admin;

/// <summary>Builds a "contains" LIKE pattern from user input. Used as
/// <c>lower(column) LIKE @pattern ESCAPE '\'</c>: the input is lower-cased here and the column in
/// SQL, and %, _ and \ in the input match themselves instead of acting as wildcards.</summary>
internal static class SqlLike
{
    public const string Escape = @" ESCAPE '\'";

    public static string Contains(string text) =>
        "%" + text.Trim().ToLowerInvariant()
            .Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
