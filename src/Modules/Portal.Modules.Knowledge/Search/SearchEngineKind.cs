namespace Portal.Modules.Knowledge.Search;

/// <summary>The values of Search:Engine.</summary>
public enum SearchEngineKind
{
    Fts5,
    Lucene,
}
