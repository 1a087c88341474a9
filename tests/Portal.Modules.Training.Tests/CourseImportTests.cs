using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Content;
using Xunit;

namespace Portal.Modules.Training.Tests;

public sealed class CourseImportTests
{
    public static TheoryData<string> Providers => Portal.Testing.TestDatabase.Providers;

    /// <summary>The repository's content/ folder.</summary>
    private static string Shipped([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "content"));

    private static string Folder(string courses)
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", "training-content-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "training"));
        File.Copy(Path.Combine(Shipped(), "products.yaml"), Path.Combine(folder, "products.yaml"));
        File.WriteAllText(Path.Combine(folder, "training", "courses.yaml"), courses);
        return folder;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheShippedCoursesImportOnceAndASecondImportChangesNothing(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        var importer = kit.App.Services.GetRequiredService<ContentImporter>();
        var folder = Folder(File.ReadAllText(Path.Combine(Shipped(), "training", "courses.yaml")));

        var first = await importer.ImportAsync(folder, demo: false);
        Assert.Empty(first.Errors);
        Assert.Equal(4, first.Counts["training courses"]);
        var second = await importer.ImportAsync(folder, demo: false);
        Assert.False(second.Counts.ContainsKey("training courses"));
        Assert.False(second.Counts.ContainsKey("training courses updated"));
        Assert.Equal(4, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM tr_courses"));
        Assert.Equal("central", await kit.ScalarAsync<string>("SELECT mode FROM tr_courses WHERE code = 'KMS-ADMIN-BASIC'"));

        var path = Path.Combine(folder, "training", "courses.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("duration_hours: 16", "duration_hours: 14"));
        var third = await importer.ImportAsync(folder, demo: false);
        Assert.Equal(1, third.Counts["training courses updated"]);
        Assert.Equal(14, await kit.ScalarAsync<int>("SELECT duration_hours FROM tr_courses WHERE code = 'KMS-ADMIN-BASIC'"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ACourseWithAnUnknownProductIsReportedAndTheOthersImport(string provider)
    {
        await using var kit = await TrainingWebKit.StartAsync(provider);
        var folder = Folder("""
            - code: XYZ-BASIC
              product: XYZ
              title: { zh: 未知产品, en: Unknown product }
              audience: operator
              level: basic
              mode: central
              duration_hours: 4
            - code: KMS-OPS
              product: KMS
              title: { zh: KMS 操作, en: KMS operation }
              audience: operator
              level: basic
              mode: onsite
              duration_hours: 4
            """);
        var result = await kit.App.Services.GetRequiredService<ContentImporter>().ImportAsync(folder, demo: false);
        Assert.Contains(result.Errors, e => e.StartsWith("training/courses.yaml: XYZ-BASIC: product:", StringComparison.Ordinal));
        Assert.Equal(1, result.Counts["training courses"]);
        Assert.Equal(24, await kit.ScalarAsync<int>("SELECT certificate_months FROM tr_courses WHERE code = 'KMS-OPS'"));
    }
}
