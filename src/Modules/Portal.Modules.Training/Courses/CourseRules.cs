using System.Text.RegularExpressions;

namespace Portal.Modules.Training.Courses;

/// <summary>The allowed values of a course and its checks, shared by the staff form and the content import.
/// Messages are English localizer keys; the field is the input's property name.</summary>
public static partial class CourseRules
{
    public const int MaxCodeLength = 40;
    public const int MaxTitleLength = 200;
    public const int MaxOutlineLength = 20_000;
    public const int MaxPrerequisitesLength = 1_000;

    public static readonly string[] Audiences = ["administrator", "operator", "expert"];
    public static readonly string[] Levels = ["basic", "advanced"];
    public static readonly string[] Modes = ["central", "onsite", "topic"];

    public sealed record Problem(string Field, string Message);

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*$")]
    private static partial Regex CodePattern();

    /// <param name="products">The catalog's product codes.</param>
    public static IReadOnlyList<Problem> Check(CourseInput input, IReadOnlyCollection<string> products)
    {
        var problems = new List<Problem>();
        void Fail(string field, string message) => problems.Add(new Problem(field, message));
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0) Fail(nameof(input.Code), "Enter the course code.");
        else if (code.Length > MaxCodeLength || !CodePattern().IsMatch(code)) Fail(nameof(input.Code), "A course code has capital letters, digits and hyphens, at most 40.");
        if (string.IsNullOrWhiteSpace(input.TitleZh)) Fail(nameof(input.TitleZh), "Enter the Chinese title.");
        else if (input.TitleZh.Trim().Length > MaxTitleLength) Fail(nameof(input.TitleZh), "A title may have at most 200 characters.");
        if (string.IsNullOrWhiteSpace(input.TitleEn)) Fail(nameof(input.TitleEn), "Enter the English title.");
        else if (input.TitleEn.Trim().Length > MaxTitleLength) Fail(nameof(input.TitleEn), "A title may have at most 200 characters.");
        if ((input.OutlineZh?.Length ?? 0) > MaxOutlineLength) Fail(nameof(input.OutlineZh), "An outline may have at most 20,000 characters.");
        if ((input.OutlineEn?.Length ?? 0) > MaxOutlineLength) Fail(nameof(input.OutlineEn), "An outline may have at most 20,000 characters.");
        if (string.IsNullOrWhiteSpace(input.ProductCode) || !products.Contains(input.ProductCode.Trim(), StringComparer.Ordinal))
            Fail(nameof(input.ProductCode), "Choose a product of the catalog.");
        if (!Audiences.Contains(input.Audience, StringComparer.Ordinal)) Fail(nameof(input.Audience), "Choose the audience.");
        if (!Levels.Contains(input.Level, StringComparer.Ordinal)) Fail(nameof(input.Level), "Choose the level.");
        if (!Modes.Contains(input.Mode, StringComparer.Ordinal)) Fail(nameof(input.Mode), "Choose the training mode.");
        if (input.DurationHours is not (>= 1 and <= 1000)) Fail(nameof(input.DurationHours), "The duration is a whole number of hours from 1 to 1000.");
        if ((input.Prerequisites?.Length ?? 0) > MaxPrerequisitesLength) Fail(nameof(input.Prerequisites), "Prerequisites may have at most 1,000 characters.");
        if (input.Certifies && input.CertificateMonths is not (>= 1 and <= 120)) Fail(nameof(input.CertificateMonths), "A certificate is valid for 1 to 120 months.");
        return problems;
    }
}
