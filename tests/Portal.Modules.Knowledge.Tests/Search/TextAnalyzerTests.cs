using Portal.Modules.Knowledge.Search;
using Xunit;

namespace Portal.Modules.Knowledge.Tests.Search;

public sealed class TextAnalyzerTests
{
    [Fact]
    public void A_CJK_run_becomes_overlapping_bigrams_and_its_last_character_is_kept_for_documents()
    {
        var analyzed = TextAnalyzer.AnalyzeDocument("安装补丁");
        Assert.Equal(["安装", "装补", "补丁"], Words(analyzed.Text));
        Assert.Equal(["丁"], Words(analyzed.RunEnds));
        Assert.Equal(["安装", "装补", "补丁"], Words(TextAnalyzer.AnalyzeQuery("安装补丁")));
    }

    [Fact]
    public void A_single_CJK_character_stays_one_token()
    {
        Assert.Equal(["补"], Words(TextAnalyzer.AnalyzeQuery("补")));
        Assert.Equal("", TextAnalyzer.AnalyzeDocument("补").RunEnds);
    }

    [Fact]
    public void Latin_text_passes_through_for_the_FTS5_tokenizer()
    {
        Assert.Equal(["Install", "the", "patch."], Words(TextAnalyzer.AnalyzeQuery("Install the patch.")));
    }

    [Fact]
    public void Mixed_text_splits_at_script_changes()
    {
        Assert.Equal(["ERP", "系统", "升级", "级到", "8.5.2"], Words(TextAnalyzer.AnalyzeQuery("ERP系统 升级到8.5.2")));
    }

    [Fact]
    public void Versions_and_hyphenated_words_stay_together_so_a_quoted_query_matches_them_as_a_phrase()
    {
        Assert.Equal(["8.5.2"], Words(TextAnalyzer.AnalyzeQuery("8.5.2")));
        Assert.Equal(["self-service"], Words(TextAnalyzer.AnalyzeQuery("self-service")));
    }

    [Fact]
    public void Emoji_and_symbols_separate_tokens()
    {
        Assert.Equal(["下载", "手册"], Words(TextAnalyzer.AnalyzeQuery("下载🚀手册")));
        Assert.False(TextAnalyzer.HasTokenCharacters(TextAnalyzer.AnalyzeQuery("🚀👍🏽 ©")));
    }

    [Fact]
    public void Full_width_characters_are_normalized_and_broken_input_is_cleaned()
    {
        Assert.Equal(["ERP", "8.5"], Words(TextAnalyzer.AnalyzeQuery("ＥＲＰ ８.５")));
        Assert.Equal(["a", "b"], Words(TextAnalyzer.AnalyzeQuery("a\0b")));
        Assert.Equal(["a", "b"], Words(TextAnalyzer.AnalyzeQuery("a\uD800b")));
        Assert.Equal(["a", "b"], Words(TextAnalyzer.AnalyzeQuery("a\uDC00b")));
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
