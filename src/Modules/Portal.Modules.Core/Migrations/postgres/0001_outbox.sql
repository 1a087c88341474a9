CREATE TABLE outbox (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    dedup_key TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ NULL,
    dispatched_at TIMESTAMPTZ NULL,
    dead_at TIMESTAMPTZ NULL,
    last_error TEXT NULL
);
CREATE INDEX ix_outbox_pending ON outbox (next_attempt_at) WHERE dispatched_at IS NULL AND dead_at IS NULL;

CREATE TABLE dp_keys (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name TEXT NOT NULL,
    xml TEXT NOT NULL
);
