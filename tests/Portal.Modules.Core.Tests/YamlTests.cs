using Portal.Modules.Core.Content;
using Xunit;

namespace Portal.Modules.Core.Tests;

public sealed class YamlTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portal-yaml-").FullName;

    public sealed class Course
    {
        public string Title { get; set; } = "";
        public string? DisplayName { get; set; }
        public List<Session> Sessions { get; set; } = [];
    }

    public sealed class Session
    {
        public string Room { get; set; } = "";
        public int Seats { get; set; }
    }

    [Fact]
    public void Known_snake_case_keys_are_read()
    {
        var import = new ContentImport(folder, demo: false);
        var path = Write("courses/ok.yaml", "title: Basics\ndisplay_name: 基础\nsessions:\n  - room: A\n    seats: 12\n");

        var course = Yaml.Read<Course>(import, path);

        Assert.Empty(import.Errors);
        Assert.NotNull(course);
        Assert.Equal("基础", course.DisplayName);
        Assert.Equal(12, Assert.Single(course.Sessions).Seats);
    }

    [Fact]
    public void Unknown_top_level_key_is_an_error_with_file_and_line()
    {
        var import = new ContentImport(folder, demo: false);
        var path = Write("courses/typo.yaml", "title: Basics\ndisplay_name: x\ncolour: blue\n");

        Assert.Null(Yaml.Read<Course>(import, path));

        var error = Assert.Single(import.Errors);
        Assert.StartsWith("courses/typo.yaml:3: ", error, StringComparison.Ordinal);
        Assert.Contains("'colour'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_nested_key_is_an_error_on_its_own_line()
    {
        var import = new ContentImport(folder, demo: false);
        var path = Write("courses/nested.yaml", "title: Basics\nsessions:\n  - room: A\n    seats: 12\n  - room: B\n    capacity: 9\n");

        Assert.Null(Yaml.Read<Course>(import, path));

        var error = Assert.Single(import.Errors);
        Assert.StartsWith("courses/nested.yaml:6: ", error, StringComparison.Ordinal);
        Assert.Contains("'capacity'", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
