-- Knowledge base: FAQs, articles and known issues, their revisions, votes and files.
-- updated_by / created_by refer to Accounts' users; no foreign key across modules.
CREATE TABLE kb_articles (
    id INTEGER PRIMARY KEY,
    lang TEXT NOT NULL,
    slug TEXT NOT NULL,
    type TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    category TEXT NOT NULL,
    products TEXT NOT NULL,
    versions TEXT NULL,
    tags TEXT NOT NULL,
    visibility TEXT NOT NULL,
    status TEXT NOT NULL,
    content_date TEXT NULL,
    view_count INTEGER NOT NULL DEFAULT 0,
    row_version INTEGER NOT NULL DEFAULT 1,
    change_seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER NULL,
    updated_by_name TEXT NULL,
    published_at TEXT NULL,
    UNIQUE (lang, slug)
);
CREATE INDEX ix_kb_articles_list ON kb_articles (status, visibility, lang, category);
CREATE INDEX ix_kb_articles_updated ON kb_articles (updated_at);

CREATE TABLE kb_article_tags (
    article_id INTEGER NOT NULL REFERENCES kb_articles (id),
    tag TEXT NOT NULL,
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX ix_kb_article_tags_tag ON kb_article_tags (tag);

CREATE TABLE kb_revisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles (id),
    number INTEGER NOT NULL,
    action TEXT NOT NULL,
    type TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    category TEXT NOT NULL,
    products TEXT NOT NULL,
    versions TEXT NULL,
    tags TEXT NOT NULL,
    visibility TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER NULL,
    created_by_name TEXT NULL,
    UNIQUE (article_id, number)
);

-- One row: grows with every change to any article; the search index compares it with its own.
CREATE TABLE kb_change_sequence (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO kb_change_sequence (id, value) VALUES (1, 0);

CREATE TABLE kb_votes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles (id),
    voter TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    comment TEXT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (article_id, voter)
);

CREATE TABLE kb_files (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles (id),
    store_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER NULL
);
CREATE INDEX ix_kb_files_article ON kb_files (article_id);
