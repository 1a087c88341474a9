using System.Text;
using Portal.Testing;

namespace Portal.Host.Tests;

/// <summary>tests/Portal.Host.Tests/authorization-matrix.txt: one line per endpoint,
/// `route  anonymous=… customer=… staff=… admin=…`, sorted by route; `#` lines are comments.</summary>
internal static class AuthorizationMatrix
{
    public const string UpdateVariable = "PORTAL_UPDATE_MATRIX";
    public const string FileName = "authorization-matrix.txt";

    public static string SourcePath => Path.Combine(RepositoryPaths.Root, "tests", "Portal.Host.Tests", FileName);

    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static string HowToRegenerate =>
        $"Regenerate it with `{UpdateVariable}=1 dotnet test tests/Portal.Host.Tests --filter AuthorizationMatrixTests`, " +
        $"review the diff of {FileName} (is every outcome what the page should allow?) and commit it.";

    private const string Header = """
        # What each persona gets on a GET of every endpoint of the running portal. Generated, then reviewed:
        #   PORTAL_UPDATE_MATRIX=1 dotnet test tests/Portal.Host.Tests --filter AuthorizationMatrixTests
        # Outcomes: ok (2xx), signin (redirect to /Account/SignIn), 2fa (redirect to /Account/TwoFactor),
        # forbidden (403 or redirect to /Error/403), notfound (404), redirect (other 3xx), error (anything else).
        # Personas: anonymous; customer (member of organisation 1); staff; admin (signed in with two-factor).
        # Required route values are probed with a sample value (1 for numbers) on a database holding
        # organisation 1 and users 1-4. Endpoints that do not answer GET are listed with their methods only.

        """;

    public static string Format(IEnumerable<KeyValuePair<string, string>> rows)
    {
        var text = new StringBuilder(Header.ReplaceLineEndings("\n"));
        var sorted = rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var width = sorted.Count == 0 ? 0 : sorted.Max(r => r.Key.Length);
        foreach (var (route, outcomes) in sorted)
            text.Append(route.PadRight(width)).Append("  ").Append(outcomes).Append('\n');
        return text.ToString();
    }

    /// <summary>Route → the rest of its line, whitespace normalised; empty when the file is missing.</summary>
    public static IReadOnlyDictionary<string, string> Read()
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(SourcePath)) return rows;
        foreach (var raw in File.ReadAllLines(SourcePath))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            rows[parts[0]] = string.Join(' ', parts.Skip(1));
        }
        return rows;
    }

    public static void Write(string text) => File.WriteAllText(SourcePath, text);
}
