CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    dedup_key TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    locked_until TEXT NULL,
    dispatched_at TEXT NULL,
    dead_at TEXT NULL,
    last_error TEXT NULL
);
CREATE INDEX ix_outbox_pending ON outbox (next_attempt_at) WHERE dispatched_at IS NULL AND dead_at IS NULL;

CREATE TABLE dp_keys (
    id INTEGER PRIMARY KEY,
    friendly_name TEXT NOT NULL,
    xml TEXT NOT NULL
);
