-- The change record: one row per search key changed by each change (kb_change_sequence value), written in
-- the change's transaction, so another node's index applies only what changed since its commit. Old rows
-- are pruned; a node whose index is older than the oldest row rebuilds instead.
CREATE TABLE kb_search_changes (
    sequence INTEGER NOT NULL,
    search_key TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (sequence, search_key)
);
CREATE INDEX ix_kb_search_changes_changed_at ON kb_search_changes (changed_at);
