using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Documents like one indexed document (MoreLikeThis over its title and body words), in
/// its language, never itself, and (the viewer's filter being inside the query) only ones the
/// viewer may see. They stay within the document's products unless none there is alike.</summary>
internal static class LuceneRelated
{
    private const int MaxQueryTerms = 25;

    /// <summary>Null when the index is not open or does not hold the document (the caller then has
    /// to find related documents another way); otherwise the best first, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<SearchHit>? Find(LuceneIndex index, Filter viewer, string key, IReadOnlyList<string> products,
        IReadOnlyList<string> types, int max)
    {
        if (types.Count == 0 || max < 1) return [];
        var searcher = index.Acquire();
        if (searcher is null) return null;
        try
        {
            var self = searcher.Search(new TermQuery(new Term(LuceneDocuments.Key, key)), 1).ScoreDocs;
            if (self.Length == 0) return null;
            var doc = searcher.Doc(self[0].Doc);
            var like = new MoreLikeThis(searcher.IndexReader)
            {
                Analyzer = LuceneAnalysis.Document,
                FieldNames = [LuceneDocuments.Title, LuceneDocuments.Body],
                MinTermFreq = 1,
                MinDocFreq = 2,
                MaxQueryTerms = MaxQueryTerms,
                ApplyBoost = true,
            }.Like(self[0].Doc);
            if (like is BooleanQuery { Clauses.Count: 0 }) return [];
            var alike = new BooleanQuery
            {
                { like, Occur.MUST },
                { new TermQuery(new Term(LuceneDocuments.Lang, doc.Get(LuceneDocuments.Lang))), Occur.MUST },
                { AnyOf(LuceneDocuments.Type, types), Occur.MUST },
                { new TermQuery(new Term(LuceneDocuments.Key, key)), Occur.MUST_NOT },
            };
            var take = Math.Min(max, 50);
            var wanted = products.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
            var top = Array.Empty<ScoreDoc>();
            if (wanted.Count > 0)
            {
                var sameProduct = (BooleanQuery)alike.Clone();
                sameProduct.Add(AnyOf(LuceneDocuments.Product, wanted), Occur.MUST);
                top = searcher.Search(new FilteredQuery(sameProduct, viewer), take).ScoreDocs;
            }
            if (top.Length == 0) top = searcher.Search(new FilteredQuery(alike, viewer), take).ScoreDocs;
            return top.Select(d => Hit(searcher.Doc(d.Doc))).ToList();
        }
        finally
        {
            index.Release(searcher);
        }
    }

    private static BooleanQuery AnyOf(string field, IEnumerable<string> values)
    {
        var any = new BooleanQuery();
        foreach (var value in values.Distinct(StringComparer.Ordinal)) any.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        return any;
    }

    private static SearchHit Hit(Lucene.Net.Documents.Document doc)
    {
        var key = doc.Get(LuceneDocuments.Key);
        var updated = doc.GetField(LuceneDocuments.Updated)?.GetInt64Value() ?? 0;
        return new SearchHit(key, SearchService.SlugOf(key), doc.Get(LuceneDocuments.Lang), doc.Get(LuceneDocuments.Type), doc.Get(LuceneDocuments.Title),
            doc.Get(LuceneDocuments.Url), "", doc.Get(LuceneDocuments.Category), DateTimeOffset.FromUnixTimeMilliseconds(updated));
    }
}
