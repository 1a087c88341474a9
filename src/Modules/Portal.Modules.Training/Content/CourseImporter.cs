using MediatR;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Content;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Training.Courses;

namespace Portal.Modules.Training.Content;

/// <summary>content/training/*.yaml: lists of courses (format: <see cref="CourseFile"/>). Idempotent: a course
/// is matched by its code, added when new and updated when it changed; courses not in the files are left
/// alone. A course with an error is reported with its file and code and skipped; the others import.</summary>
internal sealed class CourseImporter(CourseStore store, IMediator mediator, IOptions<TrainingOptions> options) : IContentImporter
{
    public const string Folder = "training";

    /// <summary>After the product catalog (20).</summary>
    public int Order => 60;

    public async Task ImportAsync(ContentImport import, CancellationToken ct)
    {
        var root = import.PathOf(Folder);
        if (!Directory.Exists(root)) return;
        var products = (await mediator.Send(new ListProducts(IncludeInactive: true), ct)).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var courses = new List<CourseInput>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(root, "*.yaml").Order(StringComparer.Ordinal))
        {
            var items = Yaml.Read<List<CourseFile>>(import, path);
            if (items is null) continue;
            for (var i = 0; i < items.Count; i++)
            {
                var input = items[i].ToInput(options.Value.CertificateMonths);
                var name = string.IsNullOrWhiteSpace(input.Code) ? $"course {i + 1}" : input.Code.Trim();
                var problems = CourseRules.Check(input, products);
                if (problems.Count > 0)
                {
                    foreach (var p in problems) import.Error(path, null, $"{name}: {ToKey(p.Field)}: {p.Message}");
                    continue;
                }
                if (!seen.Add(input.Code!.Trim()))
                {
                    import.Error(path, null, $"{name}: the code is listed twice");
                    continue;
                }
                courses.Add(input);
            }
        }
        if (courses.Count == 0) return;
        var (added, updated) = await store.ImportAsync(courses, ct);
        if (added > 0) import.Count("training courses", added);
        if (updated > 0) import.Count("training courses updated", updated);
    }

    private static string ToKey(string field) => field switch
    {
        nameof(CourseInput.ProductCode) => "product",
        nameof(CourseInput.TitleZh) => "title.zh",
        nameof(CourseInput.TitleEn) => "title.en",
        nameof(CourseInput.OutlineZh) => "outline.zh",
        nameof(CourseInput.OutlineEn) => "outline.en",
        nameof(CourseInput.DurationHours) => "duration_hours",
        nameof(CourseInput.CertificateMonths) => "certificate_months",
        _ => field.ToLowerInvariant(),
    };
}
