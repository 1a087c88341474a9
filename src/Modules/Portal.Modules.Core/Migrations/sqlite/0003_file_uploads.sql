-- Uploads sent with an idempotency key (made when the upload form was rendered): a retry of an
-- upload whose answer was lost finds the file stored the first time instead of storing it again.
CREATE TABLE file_uploads (
    uploader TEXT NOT NULL,
    upload_key TEXT NOT NULL,
    store_key TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (uploader, upload_key)
);
CREATE INDEX ix_file_uploads_created ON file_uploads (created_at);
