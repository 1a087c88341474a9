namespace Portal.Modules.Knowledge.Search;

/// <summary>Notices shown with search results (English keys, localized through the string tables).</summary>
public static class SearchNotices
{
    /// <summary>Shown while this node builds its index (missing, unreadable or gone at start): hits may be missing.</summary>
    public const string Rebuilding = "The search index is being rebuilt; results may be incomplete.";
}
