using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Portal.Modules.ServiceContracts.Contracts;

/// <summary>A set of product versions, as knowledge articles and downloads name them:
/// <c>"*"</c> (any version), an exact version <c>"8.5.2"</c>, or conditions that must all hold,
/// separated by spaces: <c>"&gt;=8.0 &lt;8.6"</c>, <c>"&gt;=8.5.0 &lt;8.5.2"</c>. Operators are
/// &gt;=, &gt;, &lt;=, &lt; and = (no operator means =). A partial version means its missing parts
/// are zero: 8.0 is 8.0.0 and 8 is 8.0.0.</summary>
public sealed class VersionRange : IEquatable<VersionRange>
{
    private const string Example = "use e.g. \">=8.0 <8.6\", \"8.5.2\" or \"*\"";

    private readonly IReadOnlyList<Condition> conditions;

    private VersionRange(IReadOnlyList<Condition> conditions) => this.conditions = conditions;

    /// <summary>Every version.</summary>
    public static VersionRange Any { get; } = new([]);

    public bool IsAny => conditions.Count == 0;

    public bool Contains(ProductVersion version) => conditions.All(c => c.Holds(version));

    public static VersionRange Parse(string? text) =>
        TryParse(text, out var range, out var error) ? range : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out VersionRange? range) =>
        TryParse(text, out range, out _);

    /// <summary>Parses <paramref name="text"/>; when it is not a range, <paramref name="error"/> says why (English, for logs and import reports).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out VersionRange? range, [NotNullWhen(false)] out string? error)
    {
        range = null;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            error = $"The version range is empty: {Example}.";
            return false;
        }
        if (trimmed == "*")
        {
            range = Any;
            error = null;
            return true;
        }
        var parsed = new List<Condition>();
        foreach (var token in Tokens(trimmed))
        {
            if (!Condition.TryParse(token, out var condition))
            {
                error = $"\"{token}\" in the version range \"{trimmed}\" is not a condition: {Example} (operators >=, >, <=, <, =; versions like 8.5 or 8.5.2).";
                return false;
            }
            parsed.Add(condition);
        }
        if (IsEmpty(parsed))
        {
            error = $"The version range \"{trimmed}\" matches no version: its lower bound is above its upper bound.";
            return false;
        }
        range = new VersionRange(parsed);
        error = null;
        return true;
    }

    /// <summary>The normal form, e.g. "&gt;=8.0.0 &lt;8.6.0", "=8.5.2" or "*".</summary>
    public override string ToString() => IsAny ? "*" : string.Join(' ', conditions);

    public bool Equals(VersionRange? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as VersionRange);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    // ">= 8.0" (operator and version apart) is read as one condition.
    private static IEnumerable<string> Tokens(string text)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] is ">=" or ">" or "<=" or "<" or "=" && i + 1 < parts.Length)
            {
                yield return parts[i] + parts[i + 1];
                i++;
            }
            else
            {
                yield return parts[i];
            }
        }
    }

    private static bool IsEmpty(List<Condition> parsed)
    {
        foreach (var low in parsed.Where(c => c.Op is Operator.Equal or Operator.Greater or Operator.GreaterOrEqual))
        foreach (var high in parsed.Where(c => c.Op is Operator.Equal or Operator.Less or Operator.LessOrEqual))
        {
            var cmp = low.Version.CompareTo(high.Version);
            var bothInclusive = low.Op is Operator.Equal or Operator.GreaterOrEqual && high.Op is Operator.Equal or Operator.LessOrEqual;
            if (cmp > 0 || (cmp == 0 && !bothInclusive)) return true;
        }
        return false;
    }

    private enum Operator
    {
        Equal,
        Greater,
        GreaterOrEqual,
        Less,
        LessOrEqual,
    }

    private readonly record struct Condition(Operator Op, ProductVersion Version)
    {
        public bool Holds(ProductVersion v)
        {
            var cmp = v.CompareTo(Version);
            return Op switch
            {
                Operator.Equal => cmp == 0,
                Operator.Greater => cmp > 0,
                Operator.GreaterOrEqual => cmp >= 0,
                Operator.Less => cmp < 0,
                _ => cmp <= 0,
            };
        }

        public static bool TryParse(string token, out Condition condition)
        {
            condition = default;
            var (op, rest) = token switch
            {
                _ when token.StartsWith(">=", StringComparison.Ordinal) => (Operator.GreaterOrEqual, token[2..]),
                _ when token.StartsWith("<=", StringComparison.Ordinal) => (Operator.LessOrEqual, token[2..]),
                _ when token.StartsWith('>') => (Operator.Greater, token[1..]),
                _ when token.StartsWith('<') => (Operator.Less, token[1..]),
                _ when token.StartsWith('=') => (Operator.Equal, token[1..]),
                _ => (Operator.Equal, token),
            };
            var parts = rest.Split('.');
            if (parts.Length > 3) return false;
            var full = parts.Concat(Enumerable.Repeat("0", 3 - parts.Length));
            if (!ProductVersion.TryParse(string.Join('.', full), out var version)) return false;
            condition = new Condition(op, version);
            return true;
        }

        public override string ToString() => Op switch
        {
            Operator.Equal => "=",
            Operator.Greater => ">",
            Operator.GreaterOrEqual => ">=",
            Operator.Less => "<",
            _ => "<=",
        } + Version.ToString();
    }
}
