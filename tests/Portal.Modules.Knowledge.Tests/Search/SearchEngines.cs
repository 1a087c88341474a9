using Portal.Testing;
using Xunit;

namespace Portal.Modules.Knowledge.Tests.Search;

/// <summary>Search behaviour is tested on every database and on both engines (Search:Engine).</summary>
public static class SearchEngines
{
    public static readonly string[] All = ["fts5", "lucene"];

    public static TheoryData<string, string> ProvidersAndEngines
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var provider in TestDatabase.Providers)
                foreach (var engine in All)
                    data.Add(provider, engine);
            return data;
        }
    }

    public static Dictionary<string, string?> Settings(string engine, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(more ?? new Dictionary<string, string?>()) { ["Search:Engine"] = engine };
        return settings;
    }
}
