-- Downloads: releases (patches, upgrades, tools, manuals, media), their files and the download log.
-- product_code refers to Contracts' catalog, user_id / organisation_id to Accounts; no foreign key across modules.
CREATE TABLE dl_releases (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    is_public BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    published_at TIMESTAMPTZ NULL,
    content_key TEXT NULL UNIQUE,
    row_version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by BIGINT NULL,
    CHECK (severity IS NULL OR kind = 'patch')
);
CREATE INDEX ix_dl_releases_browse ON dl_releases (product_code, status, major, minor, patch);

-- A release that replaces older ones (a cumulative patch supersedes the patches before it).
CREATE TABLE dl_supersedes (
    release_id BIGINT NOT NULL REFERENCES dl_releases (id),
    superseded_id BIGINT NOT NULL REFERENCES dl_releases (id),
    PRIMARY KEY (release_id, superseded_id),
    CHECK (release_id <> superseded_id)
);
CREATE INDEX ix_dl_supersedes_old ON dl_supersedes (superseded_id);

-- store_key is the file store's key; file_name is for display and Content-Disposition only.
-- A replaced file keeps its row (replaced_by) and its stored bytes until it is deleted.
CREATE TABLE dl_files (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    release_id BIGINT NOT NULL REFERENCES dl_releases (id),
    store_key TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    replaced_by BIGINT NULL REFERENCES dl_files (id),
    deleted_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_dl_files_release ON dl_files (release_id);

CREATE TABLE dl_download_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_id BIGINT NOT NULL REFERENCES dl_files (id),
    release_id BIGINT NOT NULL,
    user_id BIGINT NULL,
    organisation_id BIGINT NULL,
    at TIMESTAMPTZ NOT NULL,
    bytes BIGINT NOT NULL
);
CREATE INDEX ix_dl_download_log_release ON dl_download_log (release_id, at);
