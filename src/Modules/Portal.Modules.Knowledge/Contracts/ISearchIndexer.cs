namespace Portal.Modules.Knowledge.Contracts;

/// <summary>Sources call this after committing a change; the document is searchable within a second.</summary>
public interface ISearchIndexer
{
    void Changed(string key);
}
