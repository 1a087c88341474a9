using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Counts every matching document per type, language, category and product from doc values
/// (ordinals per segment, resolved to strings once per segment), beside the top-k collector.</summary>
internal sealed class FacetCollector : ICollector
{
    private static readonly string[] Single = [LuceneDocuments.Type, LuceneDocuments.Lang, LuceneDocuments.Category];
    private readonly Dictionary<string, Dictionary<string, int>> counts = new(StringComparer.Ordinal)
    {
        ["type"] = new(StringComparer.Ordinal), ["category"] = new(StringComparer.Ordinal),
        ["product"] = new(StringComparer.Ordinal), ["lang"] = new(StringComparer.Ordinal),
    };

    private readonly SortedDocValues?[] values = new SortedDocValues?[Single.Length];
    private readonly int[][] ordinals = new int[Single.Length][];
    private SortedSetDocValues? products;
    private int[] productOrdinals = [];

    public int Total { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        for (var i = 0; i < Single.Length; i++)
        {
            values[i] = context.AtomicReader.GetSortedDocValues(Single[i]);
            ordinals[i] = new int[values[i]?.ValueCount ?? 0];
        }
        products = context.AtomicReader.GetSortedSetDocValues(LuceneDocuments.Product);
        productOrdinals = new int[products?.ValueCount ?? 0];
    }

    public void Collect(int doc)
    {
        Total++;
        for (var i = 0; i < Single.Length; i++)
        {
            if (values[i] is not { } v) continue;
            var ord = v.GetOrd(doc);
            if (ord >= 0) ordinals[i][ord]++;
        }
        if (products is null) return;
        products.SetDocument(doc);
        long o;
        while ((o = products.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) productOrdinals[o]++;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets()
    {
        Flush();
        return counts.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetValue>)f.Value.Select(v => new FacetValue(v.Key, v.Value))
            .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    private void Flush()
    {
        for (var i = 0; i < Single.Length; i++)
        {
            if (values[i] is not { } v) continue;
            for (var ord = 0; ord < ordinals[i].Length; ord++)
                if (ordinals[i][ord] > 0) Add(Single[i], v, ord, ordinals[i][ord]);
            values[i] = null;
        }
        if (products is not null)
        {
            var term = new Lucene.Net.Util.BytesRef();
            for (var ord = 0; ord < productOrdinals.Length; ord++)
            {
                if (productOrdinals[ord] == 0) continue;
                products.LookupOrd(ord, term);
                var name = term.Utf8ToString();
                counts["product"][name] = counts["product"].GetValueOrDefault(name) + productOrdinals[ord];
            }
            products = null;
        }
    }

    private void Add(string facet, SortedDocValues values, int ord, int count)
    {
        var term = new Lucene.Net.Util.BytesRef();
        values.LookupOrd(ord, term);
        var name = term.Utf8ToString();
        counts[facet][name] = counts[facet].GetValueOrDefault(name) + count;
    }
}
