using Portal.Modules.Knowledge.Search;
using Xunit;

namespace Portal.Modules.Knowledge.Tests.Search;

public sealed class QueryParserTests
{
    /// <summary>The parsed query in a compact form: clauses joined by AND, alternatives by OR,
    /// phrases quoted, prefixes starred, exclusions after NOT.</summary>
    private static string? Parsed(string query)
    {
        var parsed = QueryParser.Parse(query);
        if (parsed.IsEmpty) return null;
        static string Unit(QueryUnit u) => (u.Phrase ? "\"" + u.Text + "\"" : u.Text) + (u.Prefix ? "*" : "");
        var text = string.Join(" AND ", parsed.Clauses.Select(c => c.Alternatives.Count == 1 ? Unit(c.Alternatives[0]) : "(" + string.Join(" OR ", c.Alternatives.Select(Unit)) + ")"));
        return parsed.Excluded.Count == 0 ? text : text + " NOT " + string.Join(" NOT ", parsed.Excluded.Select(Unit));
    }

    [Fact]
    public void Words_are_required() => Assert.Equal("install AND patch", Parsed("install patch"));

    [Fact]
    public void Phrases_keep_their_words_together() => Assert.Equal("\"maintenance window\" AND erp", Parsed("\"maintenance window\" erp"));

    [Fact]
    public void An_unclosed_quote_runs_to_the_end() => Assert.Equal("\"maintenance window\"", Parsed("\"maintenance window"));

    [Fact]
    public void Exclusions_are_kept_apart() => Assert.Equal("patch NOT beta NOT \"rc 1\"", Parsed("patch -beta -\"rc 1\""));

    [Fact]
    public void OR_joins_neighbours() => Assert.Equal("(patch OR hotfix) AND erp", Parsed("patch OR hotfix erp"));

    [Fact]
    public void Lowercase_or_and_dangling_OR_are_words_or_ignored()
    {
        Assert.Equal("patch AND or AND hotfix", Parsed("patch or hotfix"));
        Assert.Equal("patch", Parsed("OR patch OR"));
    }

    [Fact]
    public void Prefixes_are_marked() => Assert.Equal("instal*", Parsed("instal*"));

    [Fact]
    public void Filters_are_taken_out_of_the_text()
    {
        var query = QueryParser.Parse("patch type:faq lang:en product:ERP category:patches");
        Assert.Equal(new Dictionary<string, string> { ["type"] = "faq", ["lang"] = "en", ["product"] = "ERP", ["category"] = "patches" }, query.Filters);
        Assert.Single(query.Clauses);
    }

    [Fact]
    public void Unknown_fields_and_query_syntax_are_plain_text()
    {
        Assert.Equal("title:secret", Parsed("title:secret"));
        Assert.Equal("NEAR(a AND b)", Parsed("NEAR(a b)"));
        Assert.Equal("a AND \"b\"", Parsed("a\"b"));
        Assert.Null(Parsed("*** ^ () - \"\""));
    }

    [Fact]
    public void A_CJK_word_of_several_terms_can_be_relaxed_a_plain_one_cannot()
    {
        Assert.True(LuceneQueries.CanRelax(QueryParser.Parse("安装补丁")));
        Assert.False(LuceneQueries.CanRelax(QueryParser.Parse("补丁 patch")));
        Assert.False(LuceneQueries.CanRelax(QueryParser.Parse("\"安装补丁\"")));
    }

    [Fact]
    public void Synonyms_widen_a_word_into_alternatives()
    {
        var synonyms = new SynonymSet([SynonymSet.SplitTerms("补丁, Patch / hot fix")]);
        Assert.Equal(["patch", "hot fix"], synonyms.For("补丁").Order(StringComparer.Ordinal).Reverse());
        Assert.Contains("补丁", synonyms.For("Patch"));
    }

    [Fact]
    public void Very_long_input_is_cut()
    {
        var query = QueryParser.Parse(string.Join(' ', Enumerable.Repeat("word", 500)));
        Assert.Equal(QueryParser.MaxUnits, query.Clauses.Count);
    }
}
