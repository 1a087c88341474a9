using Portal.Modules.Knowledge.Search;
using Xunit;

namespace Portal.Modules.Knowledge.Tests.Search;

public sealed class TextAnalyzerTests
{
    [Fact]
    public void Emoji_and_symbols_have_no_token_characters()
    {
        Assert.False(TextAnalyzer.HasTokenCharacters("🚀👍🏽 ©"));
        Assert.True(TextAnalyzer.HasTokenCharacters("🚀补丁"));
    }

    [Fact]
    public void Full_width_characters_are_normalized_and_broken_input_is_cleaned()
    {
        Assert.Equal("ERP 8.5", TextAnalyzer.Clean("ＥＲＰ ８.５"));
        Assert.Equal("a b", TextAnalyzer.Clean("a\0b"));
        Assert.Equal("a b", TextAnalyzer.Clean("a\uD800b"));
        Assert.Equal("a b", TextAnalyzer.Clean("a\uDC00b"));
    }

    [Fact]
    public void Words_are_analyzed_by_SmartCn_with_stems_and_codes_stay_whole()
    {
        Assert.Equal(["安装", "补丁"], Terms(LuceneAnalysis.Words, "安装补丁"));
        Assert.Equal(["instal", "patch"], Terms(LuceneAnalysis.Words, "Installing the patches"));
        Assert.Equal(["ora-00942", "8.5.2", "kb-1234"], Terms(LuceneAnalysis.CodeAnalyzer, "ORA-00942 on 8.5.2, see KB-1234"));
        Assert.Equal(["安装", "装补", "补丁"], Terms(LuceneAnalysis.CjkQuery, "安装补丁"));
    }

    private static string[] Terms(Lucene.Net.Analysis.Analyzer analyzer, string text) =>
        LuceneAnalysis.Terms(analyzer, "body", text).Select(t => t.Term).ToArray();
}
