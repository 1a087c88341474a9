-- Downloads: releases (patches, upgrades, tools, manuals, media), their files and the download log.
-- product_code refers to Contracts' catalog, user_id / organisation_id to Accounts; no foreign key across modules.
CREATE TABLE dl_releases (
    id INTEGER PRIMARY KEY,
    product_code TEXT NOT NULL,
    major INTEGER NOT NULL,
    minor INTEGER NOT NULL,
    patch INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('patch', 'upgrade', 'tool', 'manual', 'media')),
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    notes_zh TEXT NOT NULL DEFAULT '',
    notes_en TEXT NOT NULL DEFAULT '',
    severity TEXT NULL CHECK (severity IS NULL OR severity IN ('critical', 'important', 'moderate', 'low')),
    applies_to TEXT NOT NULL DEFAULT '*',
    is_public INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    published_at TEXT NULL,
    content_key TEXT NULL UNIQUE,
    row_version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER NULL,
    CHECK (severity IS NULL OR kind = 'patch')
);
CREATE INDEX ix_dl_releases_browse ON dl_releases (product_code, status, major, minor, patch);

-- A release that replaces older ones (a cumulative patch supersedes the patches before it).
CREATE TABLE dl_supersedes (
    release_id INTEGER NOT NULL REFERENCES dl_releases (id),
    superseded_id INTEGER NOT NULL REFERENCES dl_releases (id),
    PRIMARY KEY (release_id, superseded_id),
    CHECK (release_id <> superseded_id)
);
CREATE INDEX ix_dl_supersedes_old ON dl_supersedes (superseded_id);

-- store_key is the file store's key; file_name is for display and Content-Disposition only.
-- A replaced file keeps its row (replaced_by) and its stored bytes until it is deleted.
CREATE TABLE dl_files (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES dl_releases (id),
    store_key TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    replaced_by INTEGER NULL REFERENCES dl_files (id),
    deleted_at TEXT NULL
);
CREATE INDEX ix_dl_files_release ON dl_files (release_id);

CREATE TABLE dl_download_log (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES dl_files (id),
    release_id INTEGER NOT NULL,
    user_id INTEGER NULL,
    organisation_id INTEGER NULL,
    at TEXT NOT NULL,
    bytes INTEGER NOT NULL
);
CREATE INDEX ix_dl_download_log_release ON dl_download_log (release_id, at);
