namespace Portal.Modules.Knowledge.Search;

/// <summary>The index file's tables. <c>docs</c> keeps the original text (for hits and snippets,
/// read only for a page of hits); <c>facts</c> is the narrow row every match is filtered, sorted by
/// date and counted from (visibility, organisation, date, facet key); <c>facet_keys</c> names each
/// distinct combination of type, language, category and products once, so facets are one small
/// GROUP BY; <c>docs_fts</c> is contentless and holds only the analyzed text; <c>meta</c> records
/// the sources' change sequences the index was built from.</summary>
internal static class IndexSchema
{
    /// <summary>Bumped whenever the schema or the analysis changes: an index of another version is rebuilt.</summary>
    public const int Version = 3;

    /// <summary>Separates the products in <c>facet_keys.products</c>.</summary>
    public const char ProductSeparator = '\u001f';

    public static readonly string Create = $"""
        PRAGMA user_version = {Version};
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE docs (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            lang TEXT NOT NULL,
            title TEXT NOT NULL,
            url TEXT NOT NULL,
            category TEXT,
            updated INTEGER NOT NULL,
            body TEXT NOT NULL);
        CREATE TABLE facet_keys (
            id INTEGER PRIMARY KEY,
            type TEXT NOT NULL,
            lang TEXT NOT NULL,
            category TEXT NOT NULL,
            products TEXT NOT NULL,
            UNIQUE (type, lang, category, products));
        CREATE TABLE facts (
            id INTEGER PRIMARY KEY,
            vis INTEGER NOT NULL,
            org_id INTEGER,
            updated INTEGER NOT NULL,
            fk INTEGER NOT NULL,
            type TEXT NOT NULL,
            lang TEXT NOT NULL,
            category TEXT);
        CREATE TABLE doc_products (doc_id INTEGER NOT NULL, product TEXT NOT NULL, PRIMARY KEY (doc_id, product)) WITHOUT ROWID;
        CREATE INDEX doc_products_product ON doc_products (product, doc_id);
        CREATE VIRTUAL TABLE docs_fts USING fts5(title, tags, body, runends, content='', contentless_delete=1,
            tokenize='porter unicode61 remove_diacritics 2', prefix='3');
        """;

    /// <summary>bm25 column weights: title, tags, body, CJK run ends.</summary>
    public const string Bm25 = "bm25(docs_fts, 10.0, 5.0, 1.0, 0.5)";
}
