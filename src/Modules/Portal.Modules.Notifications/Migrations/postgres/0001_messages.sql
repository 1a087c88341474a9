CREATE TABLE nt_messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedup_key TEXT NOT NULL UNIQUE,
    to_address TEXT NOT NULL,
    template TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_nt_messages_created ON nt_messages (created_at, id);
CREATE INDEX ix_nt_messages_state ON nt_messages (state, created_at);
