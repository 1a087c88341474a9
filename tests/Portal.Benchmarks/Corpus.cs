using Portal.Modules.Knowledge.Contracts;
using System.Runtime.CompilerServices;
using System.Text;
using Portal.Modules.Knowledge.Search;

namespace Portal.Benchmarks;

/// <summary>A deterministic mixed Chinese/English corpus: vocabularies with Zipf-distributed word
/// frequencies, realistic title, tag and body lengths, some English terms and versions in Chinese text.</summary>
internal sealed class Corpus : ISearchDocumentSource
{
    private const int VocabularySize = 20_000;
    private readonly int articles;
    private readonly string[] zhWords;
    private readonly string[] enWords;
    private readonly double[] cumulative;

    public Corpus(int articles)
    {
        this.articles = articles;
        var random = new Random(1);
        // The 3,000 most common characters sit roughly in this block; words of 2–3 characters.
        var chars = Enumerable.Range(0, 3000).Select(i => (char)(0x4E00 + (i * 7 % 20000))).ToArray();
        zhWords = Unique(() => new string(Enumerable.Range(0, random.Next(2, 4)).Select(_ => chars[random.Next(chars.Length)]).ToArray()));
        string[] syllables = ["in", "stal", "pat", "ch", "ser", "vi", "ce", "up", "gra", "de", "lo", "gin", "da", "ta", "ba", "ck", "con", "fig", "net", "work",
            "sys", "tem", "re", "port", "man", "u", "al", "time", "out", "er", "ror", "log", "file", "us", "er", "host", "port", "al", "mo", "dule"];
        enWords = Unique(() => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => syllables[random.Next(syllables.Length)])));
        cumulative = new double[VocabularySize];
        var sum = 0.0;
        for (var r = 0; r < VocabularySize; r++) cumulative[r] = sum += 1.0 / Math.Pow(r + 1, 1.07);
        for (var r = 0; r < VocabularySize; r++) cumulative[r] /= sum;

        string[] Unique(Func<string> make)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            while (set.Count < VocabularySize) set.Add(make());
            return [.. set];
        }
    }

    public string ZhWord(Random random) => zhWords[Rank(random)];

    public string EnWord(Random random) => enWords[Rank(random)];

    public string ZhWordAt(int rank) => zhWords[rank];

    public string EnWordAt(int rank) => enWords[rank];

    public Task<long> ChangeSequenceAsync(CancellationToken ct) => Task.FromResult((long)articles);

    public async IAsyncEnumerable<SearchDocument> AllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 0; i < articles; i++)
        {
            ct.ThrowIfCancellationRequested();
            yield return Make(i);
        }
        await Task.CompletedTask;
    }

    public Task<SearchDocument?> FindAsync(string key, CancellationToken ct) => Task.FromResult<SearchDocument?>(null);

    private SearchDocument Make(int i)
    {
        var random = new Random(1000 + i);
        var zh = i % 2 == 0;
        var title = Sentence(random, zh, random.Next(4, 11));
        var tags = Enumerable.Range(0, random.Next(2, 5)).Select(_ => zh ? ZhWord(random) : EnWord(random)).ToList();
        var body = new StringBuilder();
        var paragraphs = random.Next(3, 9);
        for (var p = 0; p < paragraphs; p++) body.Append(Sentence(random, zh, random.Next(25, 90))).Append("\n\n");
        var visibility = (i % 10) switch { 0 => "internal", 1 or 2 => "customers", _ => "public" };
        var type = (i % 7) switch { 0 => "faq", 1 => "known-issue", _ => "article" };
        return new SearchDocument($"kb:{(zh ? "zh" : "en")}:doc-{i}", type, zh ? "zh" : "en", title, tags, body.ToString(),
            $"/Knowledge/Articles/doc-{i}", visibility, $"cat-{i % 12}", [$"P{i % 8}"], new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i));
    }

    private string Sentence(Random random, bool zh, int words)
    {
        var builder = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            if (zh)
            {
                // Chinese text carries some English terms and version numbers, as real articles do.
                var roll = random.Next(40);
                if (roll == 0) builder.Append(' ').Append(EnWord(random)).Append(' ');
                else if (roll == 1) builder.Append(random.Next(1, 10)).Append('.').Append(random.Next(0, 10)).Append('.').Append(random.Next(0, 20));
                else builder.Append(ZhWord(random));
                if (random.Next(12) == 0) builder.Append('，');
            }
            else
            {
                if (w > 0) builder.Append(' ');
                builder.Append(EnWord(random));
                if (random.Next(15) == 0) builder.Append(',');
            }
        }
        builder.Append(zh ? '。' : '.');
        return builder.ToString();
    }

    private int Rank(Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, VocabularySize - 1);
    }
}
