using Portal.Modules.Knowledge.Search;
using Xunit;

namespace Portal.Modules.Knowledge.Tests.Search;

public sealed class SynonymSetTests
{
    private static readonly SynonymSet Set = new([
        SynonymSet.SplitTerms("登录, 登陆, login"),
        SynonymSet.SplitTerms("账号, 帐号, 账户"),
        SynonymSet.SplitTerms("证书, certificate"),
        SynonymSet.SplitTerms("证书续期, 证书更换"),
    ]);

    [Fact]
    public void A_Chinese_term_inside_a_typed_word_is_replaced_by_its_Chinese_alternatives()
    {
        Assert.Equal(["登录失败"], Set.For("登陆失败"));
        Assert.Equal(["账号登陆", "账户登陆", "帐号登录"], Set.For("帐号登陆"));
    }

    [Fact]
    public void The_longest_term_wins_and_a_whole_word_uses_its_own_group()
    {
        Assert.Equal(["证书更换"], Set.For("证书续期"));
        Assert.Equal(["https证书更换"], Set.For("HTTPS证书续期"));
        Assert.Empty(Set.For("logins"));
    }
}
