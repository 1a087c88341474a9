using Portal.Web.Localization;
using Xunit;

namespace Portal.Architecture.Tests;

/// <summary>zh-CN is the default language: every English key used in src/ needs a Chinese entry
/// in some module's (or Portal.Web's) embedded *.zh-CN.strings.json.</summary>
public sealed class LocalizationTests
{
    [Fact]
    public void Every_literal_key_has_a_Chinese_translation()
    {
        var chinese = Table().For(PortalCultures.Chinese);
        var keys = Repository.SourceFiles(".cshtml").SelectMany(f => LocalizationKeys.InRazor(Repository.Relative(f), File.ReadAllText(f)))
            .Concat(Repository.SourceFiles(".cs").SelectMany(f => LocalizationKeys.InCSharp(Repository.Relative(f), File.ReadAllText(f))))
            .ToList();

        var missing = LocalizationKeys.Missing(keys, chinese).OrderBy(k => k.File, StringComparer.Ordinal).ThenBy(k => k.Line).ToList();

        Assert.Contains(keys, k => k.Key == "Customer Portal");
        Assert.True(missing.Count == 0,
            $"{missing.Select(m => m.Key).Distinct().Count()} keys have no zh-CN translation:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Validation_messages_are_localizable()
    {
        var problems = Repository.SourceFiles(".cs")
            .SelectMany(f => LocalizationKeys.UnlocalizedValidation(Repository.Relative(f), File.ReadAllText(f)))
            .ToList();

        Assert.True(problems.Count == 0, "Validation attributes need an ErrorMessage (a localization key):\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Keys_are_found_in_views_and_code()
    {
        const string view = """"
            @{ ViewData["Title"] = L["Tickets"]; }
            <label aria-label="@L["Search tickets"]">@L["Found {0} tickets", Model.Count]</label>
            @L[entry.Title] @L[$"Status {x}"] @Model.L["Not ours"]
            @Localizer[@"Say ""hi"""]
            """";
        const string code = """
            public sealed class InputModel
            {
                [Required(ErrorMessage = "Enter a subject.")]
                [StringLength(200, ErrorMessage = "Keep the subject under {1} characters.")]
                [Display(Name = "Subject", Prompt = "Short summary")]
                public string Subject { get; set; } = "";

                [DisplayName("Priority")]
                public int Priority { get; set; }
            }
            ModelState.AddModelError("", localizer["The ticket is \"closed\"."]);
            services.AddNavEntry(new NavEntry(NavSection.Main, "Feedback", "Feedback", "/Index", null));
            """;

        var keys = LocalizationKeys.InRazor("v.cshtml", view).Concat(LocalizationKeys.InCSharp("c.cs", code)).Select(k => k.ToString()).ToList();

        Assert.Equal(
            [
                "v.cshtml:1: \"Tickets\"",
                "v.cshtml:2: \"Search tickets\"",
                "v.cshtml:2: \"Found {0} tickets\"",
                "v.cshtml:4: \"Say \"hi\"\"",
                "c.cs:11: \"The ticket is \"closed\".\"",
                "c.cs:3: \"Enter a subject.\"",
                "c.cs:4: \"Keep the subject under {1} characters.\"",
                "c.cs:8: \"Priority\"",
                "c.cs:12: \"Feedback\"",
                "c.cs:5: \"Subject\"",
                "c.cs:5: \"Short summary\"",
            ],
            keys);
    }

    [Fact]
    public void Missing_translations_are_reported()
    {
        LocalizedKey[] keys = [new("Sign in", "a.cshtml", 3), new("Sign up", "a.cshtml", 4), new("Blank", "b.cs", 1)];
        var chinese = new Dictionary<string, string> { ["Sign in"] = "登录", ["Blank"] = " " };

        var missing = LocalizationKeys.Missing(keys, chinese).Select(k => k.ToString());

        Assert.Equal(["a.cshtml:4: \"Sign up\"", "b.cs:1: \"Blank\""], missing);
    }

    [Fact]
    public void Validation_attributes_without_message_are_reported()
    {
        const string code = """
            [Required]
            public string A { get; set; } = "";
            [Required(ErrorMessage = "Enter B."), StringLength(10)]
            public string B { get; set; } = "";
            [BindProperty, EmailAddress(ErrorMessage = "Enter a valid address.")]
            public string C { get; set; } = "";
            [Range(1, 5)]
            public int D { get; set; }
            """;

        var problems = LocalizationKeys.UnlocalizedValidation("m.cs", code).ToList();

        Assert.Equal(
            [
                "m.cs:1: [Required] has no ErrorMessage, so its message is not localized",
                "m.cs:3: [StringLength] has no ErrorMessage, so its message is not localized",
                "m.cs:7: [Range] has no ErrorMessage, so its message is not localized",
            ],
            problems);
    }

    // The table the running portal builds (WebServiceCollectionExtensions.AddPortalWeb): every
    // module assembly plus Portal.Web. Building it also fails on a key translated twice, differently.
    private static StringTable Table() =>
        new(ModuleAssemblies.All.Select(m => m.Assembly).Append(typeof(StringTable).Assembly));
}
