-- Server-side sign-in sessions (issue 17 §1). The cookie carries a random key; id is its SHA-256 (hex),
-- so the table alone cannot be used to forge a cookie. A row is dead once idle_expires_at or expires_at
-- has passed; the sweep accounts.expired-sessions deletes those.
CREATE TABLE acc_sessions (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES acc_users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    idle_expires_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    client_ip TEXT NULL,
    user_agent TEXT NULL,
    two_factor BOOLEAN NOT NULL DEFAULT FALSE,
    ticket BYTEA NOT NULL
);
CREATE INDEX ix_acc_sessions_user ON acc_sessions (user_id);
CREATE INDEX ix_acc_sessions_expires ON acc_sessions (expires_at);
CREATE INDEX ix_acc_sessions_idle ON acc_sessions (idle_expires_at);
