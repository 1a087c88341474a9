using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Tests.Search;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Portal.Modules.Knowledge.Tests.Relevance;

/// <summary>Searches the shipped articles (content/knowledge) with the judged queries as a signed-in
/// customer, through /api/search, and scores the rank of the first relevant hit (mean reciprocal rank).</summary>
public sealed class RelevanceTests(ITestOutputHelper output)
{
    private const double RequiredMrr = 0.85;
    private const string Password = "correct horse battery";

    public sealed class JudgedQuery
    {
        public string Q { get; set; } = "";
        public string Lang { get; set; } = "";
        public List<string> Relevant { get; set; } = [];

        /// <summary>A misspelling outside the default synonym list, found only by the spelling-tolerant
        /// fallback; also scored on a line of its own.</summary>
        public bool Typo { get; set; }
    }

    public static IReadOnlyList<JudgedQuery> LoadJudgedQueries()
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Portal.Modules.Knowledge.Tests", "Relevance", "judged-queries.yaml");
        return new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<List<JudgedQuery>>(File.ReadAllText(path));
    }

    [Fact]
    public void The_judged_queries_cover_both_languages_and_name_shipped_articles()
    {
        var queries = LoadJudgedQueries();
        Assert.True(queries.Count(q => q.Lang == "zh") >= 20 && queries.Count(q => q.Lang == "en") >= 20);
        var shipped = Directory.EnumerateFiles(RepositoryPaths.Content, "*.md", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var unknown = queries.SelectMany(q => q.Relevant).Where(slug => !shipped.Contains(slug)).ToList();
        Assert.Empty(unknown);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_judged_queries_find_their_articles_with_an_MRR_of_at_least_085(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var organisation = await app.CreateOrganisationAsync("REL", "Relevance customer");
        await app.CreateUserAsync("reader@rel.test", Password, PortalRoles.Customer, organisation);
        var browser = await app.SignInAsync("reader@rel.test", Password);
        await KnowledgeTestKit.WaitForSearchIndexAsync(browser);

        var all = LoadJudgedQueries();
        var (mrr, misses) = await ScoreAsync(browser, all, "relevance");
        // Misspelt words are found through the similar-words fallback; their own line shows how well.
        await ScoreAsync(browser, all.Where(q => q.Typo).ToList(), "relevance-typos");
        Assert.True(mrr >= RequiredMrr, $"MRR {mrr:F3} < {RequiredMrr} over {all.Count} queries. Not first:\n{misses}");
    }

    private async Task<(double Mrr, string Misses)> ScoreAsync(HttpClient browser, IReadOnlyList<JudgedQuery> queries, string label)
    {
        var sum = 0.0;
        var inTop3 = 0;
        var candidates = 0L;
        var misses = new StringBuilder();
        foreach (var query in queries)
        {
            var (rank, total, first) = await RankOfFirstRelevantAsync(browser, query);
            candidates += total;
            sum += rank is { } r ? 1.0 / r : 0;
            if (rank is <= 3) inTop3++;
            if (rank != 1) misses.AppendLine(CultureInfo.InvariantCulture, $"  [{query.Lang}] {query.Q} → {(rank is null ? "not in top 10" : $"rank {rank}")} (first: {first ?? "nothing"})");
        }
        var count = Math.Max(queries.Count, 1);
        var mrr = sum / count;
        output.WriteLine($"{label} queries={queries.Count} mrr={mrr:F3} hit_at_3={(double)inTop3 / count:F3} mean_hits={(double)candidates / count:F1}");
        output.WriteLine(misses.ToString());
        return (mrr, misses.ToString());
    }

    private static async Task<(int? Rank, int Total, string? First)> RankOfFirstRelevantAsync(HttpClient browser, JudgedQuery query)
    {
        var url = $"/api/search?q={Uri.EscapeDataString(query.Q)}&lang={query.Lang}";
        using var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var total = json.RootElement.GetProperty("total").GetInt32();
        var rank = 0;
        string? first = null;
        foreach (var hit in json.RootElement.GetProperty("hits").EnumerateArray())
        {
            rank++;
            var slug = hit.GetProperty("slug").GetString()!;
            first ??= slug;
            if (query.Relevant.Contains(slug)) return (rank, total, first);
        }
        return (null, total, first);
    }
}
