namespace Portal.Modules.Knowledge.Search;

public enum SearchSort
{
    Relevance,
    Date,
}
