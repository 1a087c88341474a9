using Portal.Modules.Core.Content;
using YamlDotNet.Core;
using Xunit;

namespace Portal.Modules.Core.Tests;

public sealed class YamlProblemTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portal-yaml-problem-").FullName;

    public sealed class Course
    {
        public string Title { get; set; } = "";
        public int Seats { get; set; }
        public List<string> Tags { get; set; } = [];
        public Room? Room { get; set; }
    }

    public sealed class Room
    {
        public string Name { get; set; } = "";
    }

    [Theory]
    [InlineData("title: x\nroom: { name: b\n", 3, "expected ',' or '}'")]
    [InlineData("title: x\nseats: 3\n  tags: [a]\n", 3, "check the indentation")]
    [InlineData("title: \"open\nseats: 3\n", 1, "quoted value")]
    [InlineData("title: x\n\tseats: 3\n", 1, "indent with spaces")]
    [InlineData("title: x\ntitle: y\n", 2, "this key appears twice")]
    [InlineData("title: [a, b]\n", 1, "expected a single value here, not a list or a mapping")]
    [InlineData("title: x\ntags: { a: b }\n", 2, "expected a list here, found a mapping")]
    [InlineData("title: x\nroom: [a]\n", 2, "expected a mapping of keys to values here")]
    [InlineData("title: x\nseats: many\n", 2, "'many' is not a valid value here")]
    [InlineData("title: x\ncolour: blue\n", 2, "unknown key 'colour'")]
    public void A_yaml_error_names_line_column_and_what_is_wrong_without_dotnet_types(string yaml, int line, string expected)
    {
        var import = new ContentImport(folder, demo: false);
        var path = Path.Combine(folder, "course.yaml");
        File.WriteAllText(path, yaml);

        Assert.Null(Yaml.Read<Course>(import, path));

        var error = Assert.Single(import.Errors);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(error, $@"^course\.yaml:{line}: column \d+: ") && error.Contains(expected, StringComparison.Ordinal), error);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Portal.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Line:", error, StringComparison.Ordinal);
    }

    public sealed class Listed
    {
        public string? Code { get; set; }
        public string? Product { get; set; }
        public Room? Title { get; set; }
    }

    [Fact]
    public void An_unclosed_bracket_that_trips_the_scanner_is_named_by_where_its_value_starts()
    {
        var import = new ContentImport(folder, demo: false);
        var path = Path.Combine(folder, "list.yaml");
        File.WriteAllText(path, "- code: A-1\n  title: { name: 课程, en: Course\n  product: A\n");

        Assert.Null(Yaml.Read<List<Listed>>(import, path));

        Assert.Equal(["list.yaml:2: column 10: the value that starts here is not valid YAML (check that brackets and quotes are closed, and the indentation)"], import.Errors);
    }

    [Fact]
    public void A_key_twice_in_a_yaml_stream_is_named_as_such()
    {
        var ex = Assert.ThrowsAny<YamlException>(() => new YamlDotNet.RepresentationModel.YamlStream().Load(new StringReader("- code: A\n  name: x\n  code: B\n")));

        Assert.Equal("line 3, column 3: this key appears twice in the same mapping", Yaml.Problem(ex).ToString());
    }

    [Fact]
    public void Problem_reads_as_line_and_column_and_counts_lines_before_the_yaml()
    {
        var ex = Assert.ThrowsAny<YamlException>(() => new YamlDotNet.Serialization.Deserializer().Deserialize<Dictionary<string, string>>("a: b\nc: { d\n"));

        var problem = Yaml.Problem(ex, lineOffset: 1);

        Assert.Equal(3, problem.Line);
        Assert.StartsWith($"line 3, column {problem.Column}: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_an_error_with_its_byte_offset_and_is_not_parsed()
    {
        var import = new ContentImport(folder, demo: false);
        var path = Path.Combine(folder, "latin1.yaml");
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes("title: Caf\u00e9\n"));

        Assert.Null(Yaml.Read<Course>(import, path));

        Assert.Equal(["latin1.yaml: not valid UTF-8 at byte 10; the file is skipped (save it as UTF-8)"], import.Errors);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
