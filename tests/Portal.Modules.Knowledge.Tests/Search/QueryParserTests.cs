using Portal.Modules.Knowledge.Search;
using Xunit;

namespace Portal.Modules.Knowledge.Tests.Search;

public sealed class QueryParserTests
{
    private static string? Fts(string query, Relaxation relaxation = Relaxation.Phrase, SynonymSet? synonyms = null) =>
        FtsExpression.Build(QueryParser.Parse(query), relaxation, synonyms ?? SynonymSet.Empty);

    [Fact]
    public void Words_are_quoted_and_required() => Assert.Equal("\"install\" AND \"patch\"", Fts("install patch"));

    [Fact]
    public void Phrases_keep_their_words_together() => Assert.Equal("\"maintenance window\" AND \"erp\"", Fts("\"maintenance window\" erp"));

    [Fact]
    public void An_unclosed_quote_runs_to_the_end() => Assert.Equal("\"maintenance window\"", Fts("\"maintenance window"));

    [Fact]
    public void Exclusions_become_NOT() => Assert.Equal("(\"patch\") NOT (\"beta\" OR \"rc 1\")", Fts("patch -beta -\"rc 1\""));

    [Fact]
    public void OR_joins_neighbours() => Assert.Equal("(\"patch\" OR \"hotfix\") AND \"erp\"", Fts("patch OR hotfix erp"));

    [Fact]
    public void Lowercase_or_and_dangling_OR_are_words_or_ignored()
    {
        Assert.Equal("\"patch\" AND \"or\" AND \"hotfix\"", Fts("patch or hotfix"));
        Assert.Equal("\"patch\"", Fts("OR patch OR"));
    }

    [Fact]
    public void Prefixes_keep_the_star_outside_the_quotes() => Assert.Equal("\"instal\"*", Fts("instal*"));

    [Fact]
    public void Filters_are_taken_out_of_the_text()
    {
        var query = QueryParser.Parse("patch type:faq lang:en product:ERP category:patches");
        Assert.Equal(new Dictionary<string, string> { ["type"] = "faq", ["lang"] = "en", ["product"] = "ERP", ["category"] = "patches" }, query.Filters);
        Assert.Single(query.Clauses);
    }

    [Fact]
    public void Unknown_fields_and_FTS5_syntax_are_plain_text()
    {
        Assert.Equal("\"title:secret\"", Fts("title:secret"));
        Assert.Equal("\"NEAR(a\" AND \"b)\"", Fts("NEAR(a b)"));
        Assert.Equal("\"a\" AND \"b\"", Fts("a\"b"));
        Assert.Null(Fts("*** ^ () - \"\""));
    }

    [Fact]
    public void A_CJK_word_is_a_phrase_then_all_bigrams_then_any_bigram()
    {
        Assert.Equal("\"安装 装补 补丁\"", Fts("安装补丁"));
        Assert.Equal("(\"安装\" AND \"装补\" AND \"补丁\")", Fts("安装补丁", Relaxation.AllBigrams));
        Assert.Equal("(\"安装\" OR \"装补\" OR \"补丁\")", Fts("安装补丁", Relaxation.AnyBigram));
        Assert.True(FtsExpression.CanRelax(QueryParser.Parse("安装补丁")));
        Assert.False(FtsExpression.CanRelax(QueryParser.Parse("补丁 patch")));
    }

    [Fact]
    public void One_CJK_character_is_a_prefix() => Assert.Equal("\"补\"*", Fts("补"));

    [Fact]
    public void Synonyms_widen_a_word_into_alternatives()
    {
        var synonyms = new SynonymSet([SynonymSet.SplitTerms("补丁, Patch / hot fix")]);
        Assert.Equal("(\"补丁\" OR \"patch\" OR \"hot fix\")", Fts("补丁", synonyms: synonyms));
        Assert.Equal("(\"Patch\" OR \"补丁\" OR \"hot fix\")", Fts("Patch", synonyms: synonyms));
    }

    [Fact]
    public void Very_long_input_is_cut()
    {
        var query = QueryParser.Parse(string.Join(' ', Enumerable.Repeat("word", 500)));
        Assert.Equal(QueryParser.MaxUnits, query.Clauses.Count);
    }
}
