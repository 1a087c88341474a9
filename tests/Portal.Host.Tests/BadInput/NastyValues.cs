namespace Portal.Host.Tests.BadInput;

/// <summary>The bad values the walk sends, already percent-encoded as they go on the wire (so NUL,
/// invalid UTF-8 and a lone surrogate reach the server as such), and a harmless value per kind for
/// the fields of a form that are not under test.</summary>
internal static class NastyValues
{
    private const string Quotes = "%27%20OR%201%3D1--%22";
    private const string SearchSyntax = "%22AND%20OR*%20(";
    private const string Nul = "a%00b";
    private const string InvalidUtf8 = "%FF%FE";
    private const string LoneSurrogate = "%ED%A0%80";
    private const string Negative = "-1";
    private const string Huge = "99999999999999999999";
    private const string ImpossibleDate = "2026-02-30";
    private const string Empty = "";
    private static readonly string Long = new('x', 10_000);

    private static readonly string[] Text = [Quotes, SearchSyntax, Long, Nul, InvalidUtf8, LoneSurrogate, Huge, ImpossibleDate, Empty];

    // Numbers, dates, flags and the rest get three values: what a model binder can stumble on for them.
    private static readonly string[] Number = [Negative, Huge, Quotes];
    private static readonly string[] Date = [ImpossibleDate, Huge, Empty];
    private static readonly string[] Flag = [Quotes, Empty, Huge];
    private static readonly string[] Other = [Negative, Huge, Quotes];

    public static IReadOnlyList<string> For(FieldKind kind) => kind switch
    {
        FieldKind.Text => Text,
        FieldKind.Number => Number,
        FieldKind.Date => Date,
        FieldKind.Flag => Flag,
        FieldKind.Other => Other,
        _ => [],
    };

    /// <summary>The few values a role gets that is not the one an endpoint is walked in full for.</summary>
    public static IReadOnlyList<string> Sample(FieldKind kind) => kind switch
    {
        FieldKind.Text => [Quotes, Nul],
        FieldKind.File => [],
        _ => For(kind).Take(2).ToList(),
    };

    /// <summary>The text values POSTs get (a refused one costs a row count): quotes, length, NUL, bad UTF-8, empty.</summary>
    public static bool ForPost(string value) => value is Quotes or Nul or InvalidUtf8 or Empty || ReferenceEquals(value, Long);

    /// <summary>A value that binds, for the other fields of the form.</summary>
    public static string Harmless(FieldKind kind) => kind switch
    {
        FieldKind.Number => "1",
        FieldKind.Date => "2026-03-02",
        FieldKind.Flag => "false",
        FieldKind.Other => "1",
        _ => "walk",
    };

    /// <summary>What a log line shows of a value: the 10,000 characters shortened.</summary>
    public static string Show(string value) => value.Length > 40 ? $"{value[..10]}…({value.Length} chars)" : value;
}
