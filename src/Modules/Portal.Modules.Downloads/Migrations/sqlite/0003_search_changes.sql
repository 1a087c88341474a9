-- The search index's change record of releases: every publish, edit or withdrawal takes the next
-- value of dl_search_sequence (the row lock orders concurrent writers) and records the release it
-- touched, so a node's index catches up with changes made on other nodes.
CREATE TABLE dl_search_sequence (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO dl_search_sequence (id, value) VALUES (1, 0);

CREATE TABLE dl_search_changes (
    sequence INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL,
    changed_at TEXT NOT NULL
);
