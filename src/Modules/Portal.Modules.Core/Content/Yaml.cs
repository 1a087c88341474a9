using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Portal.Modules.Core.Content;

/// <summary>Strict YAML reading for content files: snake_case keys, and an unknown key is an
/// error (with its line) rather than silently ignored.</summary>
public static partial class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithDuplicateKeyChecking()
        .Build();

    /// <summary>What is wrong with a YAML text, in the author's terms: where (1-based line and column)
    /// and what, never a .NET type name.</summary>
    public sealed record YamlProblem(int Line, int Column, string Message)
    {
        public override string ToString() => $"line {Line}, column {Column}: {Message}";
    }

    /// <summary>Reads <paramref name="path"/> (strict UTF-8); on failure records the error with its line and returns default.</summary>
    public static T? Read<T>(ContentImport import, string path)
    {
        var text = import.ReadText(path);
        if (text is null) return default;
        try
        {
            return Deserializer.Deserialize<T>(text);
        }
        catch (YamlException ex)
        {
            Report(import, path, ex);
            return default;
        }
    }

    /// <summary>Records <paramref name="ex"/> as an error of <paramref name="path"/>: "path:line: column C: what".</summary>
    public static void Report(ContentImport import, string path, YamlException ex, int lineOffset = 0)
    {
        var problem = Problem(ex, lineOffset);
        import.Error(path, problem.Line, $"column {problem.Column}: {problem.Message}");
    }

    /// <param name="lineOffset">Lines before the YAML text in its file (front matter after a "---" line).</param>
    public static YamlProblem Problem(YamlException ex, int lineOffset = 0)
    {
        // The deserializer wraps the real cause; its own message then is only "Exception during deserialization".
        var cause = ex.InnerException is YamlException inner ? inner : ex;
        var line = (int)Math.Max(1, cause.Start.Line) + lineOffset;
        var column = (int)Math.Max(1, cause.Start.Column);
        return new YamlProblem(line, column, Describe(cause, ex.InnerException is YamlException ? null : ex.InnerException));
    }

    private static string Describe(YamlException ex, Exception? inner)
    {
        var message = inner?.Message ?? ex.Message;
        if (UnknownProperty().Match(message) is { Success: true } unknown) return $"unknown key '{unknown.Groups["key"].Value}'";
        if (message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
            return "this key appears twice in the same mapping";
        if (message.Contains("No node deserializer", StringComparison.Ordinal)) return ExpectedShape(message, "into type ");
        if (message.Contains("Failed to create an instance of type", StringComparison.Ordinal)) return ExpectedShape(message, "of type '");
        if (EventMismatch().Match(message) is { Success: true } mismatch)
            return $"expected {Shape(mismatch.Groups["expected"].Value)} here, found {Shape(mismatch.Groups["found"].Value)}";
        if (inner is FormatException or OverflowException)
            return QuotedValue().Match(message) is { Success: true } value
                ? $"'{value.Groups["value"].Value}' is not a valid value here (a number, true/false or date is expected)"
                : "the value is not valid here (a number, true/false or date is expected)";
        // Anything else from inside the deserializer (the scanner throws InvalidOperationException on some
        // unclosed brackets) says nothing an author can use.
        if (inner is not null) return "the value that starts here is not valid YAML (check that brackets and quotes are closed, and the indentation)";
        return message.Contains("System.", StringComparison.Ordinal) || message.Contains("Portal.", StringComparison.Ordinal)
            ? "the value here is not what this key expects"
            : Syntax(message);
    }

    /// <summary>"No node deserializer was able to deserialize the node into type System.String, ..." → what the author should write.</summary>
    private static string ExpectedShape(string message, string before)
    {
        var type = message[(message.IndexOf(before, StringComparison.Ordinal) + before.Length)..];
        if (type.StartsWith("System.Collections.", StringComparison.Ordinal)) return "expected a list here (- item lines or [a, b])";
        if (type.StartsWith("System.", StringComparison.Ordinal)) return "expected a single value here, not a list or a mapping";
        return "expected a mapping of keys to values here (key: value lines)";
    }

    private static string Shape(string parserEvent) => parserEvent switch
    {
        "SequenceStart" => "a list",
        "MappingStart" => "a mapping",
        "Scalar" => "a single value",
        _ => "something else",
    };

    /// <summary>The scanner's and parser's messages in YAML authors' words (a "plain scalar" is a value).</summary>
    private static string Syntax(string message)
    {
        var text = EventPosition().Replace(message.Trim(), "").TrimEnd('.');
        foreach (var (parser, author) in Words) text = text.Replace(parser, author, StringComparison.Ordinal);
        return text.Length == 0 ? "not valid YAML" : char.ToLowerInvariant(text[0]) + text[1..];
    }

    private static readonly (string Parser, string Author)[] Words =
    [
        ("did not find expected", "expected"),
        ("could not find expected", "expected"),
        ("found unexpected end of stream", "the file ends before it is closed"),
        ("found character that cannot start any token", "found a character that cannot start a value (a tab used for indentation?)"),
        ("found a tab character that violate indentation", "found a tab; indent with spaces"),
        ("found invalid mapping", "found 'key: value' where it is not allowed; check the indentation"),
        ("Mapping values are not allowed in this context", "'key: value' is not allowed here; check the indentation"),
        ("multi-line double-quoted scalar", "quoted value"),
        ("double-quoted scalar", "quoted value"),
        ("single-quoted scalar", "quoted value"),
        ("quoted scalar", "quoted value"),
        ("plain scalar value", "value"),
        ("plain scalar", "value"),
        ("block mapping", "mapping"),
        ("block collection", "list or mapping"),
        ("flow mapping", "{ } mapping"),
        ("flow sequence", "[ ] list"),
        ("simple key", "key"),
    ];

    [GeneratedRegex(@"Expected '(?<expected>\w+)', got '(?<found>\w+)'")]
    private static partial Regex EventMismatch();

    [GeneratedRegex(@"\s*\(at Line: \d+, Col: \d+, Idx: \d+\)")]
    private static partial Regex EventPosition();

    [GeneratedRegex(@"Property '(?<key>[^']*)' not found on type")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex(@"'(?<value>[^']*)'")]
    private static partial Regex QuotedValue();
}
