using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Where a query's body words occur in a hit, read from the body's term vector: the
/// offsets point into the original text, so a snippet needs neither a second analysis of the text
/// nor a walk over all its tokens (what made the Highlighter the larger half of a search's time).</summary>
internal sealed class BodyMatches
{
    private const int MaxMatches = 500;
    private readonly List<BytesRef> terms = [];
    private readonly List<BytesRef> prefixes = [];

    private BodyMatches()
    {
    }

    public bool IsEmpty => terms.Count == 0 && prefixes.Count == 0;

    /// <summary>The body terms and prefixes a query looks for (excluded words are not marked).</summary>
    public static BodyMatches Of(Query? query)
    {
        var matches = new BodyMatches();
        if (query is not null) matches.Collect(query);
        return matches;
    }

    /// <summary>The matched spans in the document's body, in text order; empty when nothing matched there.</summary>
    public List<(int Start, int End)> In(Lucene.Net.Index.IndexReader reader, int doc)
    {
        var found = new List<(int Start, int End)>();
        if (IsEmpty || reader.GetTermVectors(doc)?.GetTerms(LuceneDocuments.Body) is not { } vector) return found;
        var termsEnum = vector.GetEnumerator();
        DocsAndPositionsEnum? positions = null;
        foreach (var term in terms)
            if (termsEnum.SeekExact(term)) positions = AddOffsets(termsEnum, positions, found);
        foreach (var prefix in prefixes)
        {
            if (termsEnum.SeekCeil(prefix) == TermsEnum.SeekStatus.END) continue;
            do
            {
                if (!StringHelper.StartsWith(termsEnum.Term, prefix)) break;
                positions = AddOffsets(termsEnum, positions, found);
            }
            while (found.Count < MaxMatches && termsEnum.MoveNext());
        }
        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        return found;
    }

    private static DocsAndPositionsEnum? AddOffsets(TermsEnum termsEnum, DocsAndPositionsEnum? reuse, List<(int Start, int End)> found)
    {
        var positions = termsEnum.DocsAndPositions(null, reuse, DocsAndPositionsFlags.OFFSETS);
        if (positions is null || positions.NextDoc() == DocIdSetIterator.NO_MORE_DOCS) return positions;
        for (var i = 0; i < positions.Freq && found.Count < MaxMatches; i++)
        {
            positions.NextPosition();
            if (positions.StartOffset >= 0) found.Add((positions.StartOffset, positions.EndOffset));
        }
        return positions;
    }

    private void Collect(Query query)
    {
        switch (query)
        {
            case BooleanQuery boolean:
                foreach (var clause in boolean.Clauses)
                    if (clause.Occur != Occur.MUST_NOT) Collect(clause.Query);
                break;
            case FilteredQuery filtered:
                Collect(filtered.Query);
                break;
            case TermQuery term when term.Term.Field == LuceneDocuments.Body:
                terms.Add(term.Term.Bytes);
                break;
            case PhraseQuery phrase:
                foreach (var term in phrase.GetTerms())
                    if (term.Field == LuceneDocuments.Body) terms.Add(term.Bytes);
                break;
            case PrefixQuery prefix when prefix.Prefix.Field == LuceneDocuments.Body:
                prefixes.Add(prefix.Prefix.Bytes);
                break;
        }
    }
}
