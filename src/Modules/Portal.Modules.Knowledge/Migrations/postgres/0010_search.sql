-- Synonym groups applied at query time, and the search log (no user, no address: only what was
-- searched, how many results it had, and which result was opened). The day columns (UTC,
-- yyyy-MM-dd) let both engines group by day the same way.
CREATE TABLE kb_synonyms (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    terms TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE kb_search_queries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query TEXT NOT NULL,
    results INTEGER NOT NULL,
    searched_on TEXT NOT NULL,
    searched_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_kb_search_queries_at ON kb_search_queries (searched_on);

CREATE TABLE kb_search_clicks (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query TEXT NOT NULL,
    doc_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    clicked_on TEXT NOT NULL,
    clicked_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_kb_search_clicks_at ON kb_search_clicks (clicked_on);
