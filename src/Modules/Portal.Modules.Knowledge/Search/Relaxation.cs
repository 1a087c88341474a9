namespace Portal.Modules.Knowledge.Search;

/// <summary>How strictly CJK words are matched: as a phrase first, then all their bigrams, then any.</summary>
public enum Relaxation
{
    Phrase = 0,
    AllBigrams = 1,
    AnyBigram = 2,
}
