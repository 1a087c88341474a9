-- The knowledge article staff drafted from a closed problem (one per request); article_id and
-- edit_url refer to the Knowledge module, no foreign key across modules.
CREATE TABLE fb_request_articles (
    request_id BIGINT PRIMARY KEY REFERENCES fb_requests (id),
    article_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    edit_url TEXT NOT NULL,
    created_by BIGINT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
