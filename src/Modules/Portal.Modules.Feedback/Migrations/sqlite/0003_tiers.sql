-- Three support tiers (1 local service specialist, 2 maintenance team, 3 product/R&D), the team's
-- tier, leads and service supervisors, and the timeline kinds that go with them.

ALTER TABLE fb_requests ADD COLUMN tier INTEGER NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3);
ALTER TABLE fb_requests ADD COLUMN escalated_at TEXT NULL;
CREATE INDEX ix_fb_requests_assignee ON fb_requests (assignee_id, next_due_at);

-- Staff not listed here work in tier 1, lead nothing and are not service supervisors.
-- A tier's leads get its SLA warnings; supervisors handle complaints.
CREATE TABLE fb_team (
    user_id INTEGER PRIMARY KEY,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    tier INTEGER NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
    is_lead INTEGER NOT NULL DEFAULT 0,
    is_supervisor INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);

-- SQLite cannot change a CHECK constraint: fb_events (and fb_attachments, which refers to it) are
-- rebuilt with the wider list of timeline kinds. Renaming first keeps foreign keys valid throughout.
ALTER TABLE fb_attachments RENAME TO fb_attachments_old;
ALTER TABLE fb_events RENAME TO fb_events_old;

CREATE TABLE fb_events (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES fb_requests (id),
    at TEXT NOT NULL,
    actor_id INTEGER NULL,
    actor_name TEXT NOT NULL,
    by_staff INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'reply', 'note', 'status', 'assigned', 'closed', 'reopened',
        'escalated', 'severity', 'warned', 'article')),
    internal INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL DEFAULT '',
    from_status TEXT NULL,
    to_status TEXT NULL
);
INSERT INTO fb_events SELECT * FROM fb_events_old;

CREATE TABLE fb_attachments (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES fb_requests (id),
    event_id INTEGER NULL REFERENCES fb_events (id),
    internal INTEGER NOT NULL DEFAULT 0,
    store_key TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO fb_attachments SELECT * FROM fb_attachments_old;

DROP TABLE fb_attachments_old;
DROP TABLE fb_events_old;
CREATE INDEX ix_fb_events_request ON fb_events (request_id, id);
CREATE INDEX ix_fb_attachments_request ON fb_attachments (request_id);
