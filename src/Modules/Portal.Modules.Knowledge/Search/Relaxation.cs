namespace Portal.Modules.Knowledge.Search;

/// <summary>How strictly CJK words are matched: as a phrase first, then all their bigrams, then any;
/// when nothing matches at all, English words spelled like the typed ones (<see cref="Similar"/>).</summary>
public enum Relaxation
{
    Phrase = 0,
    AllBigrams = 1,
    AnyBigram = 2,
    Similar = 3,
}
