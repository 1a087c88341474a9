-- Three support tiers (1 local service specialist, 2 maintenance team, 3 product/R&D), the team's
-- tier, leads and service supervisors, and the timeline kinds that go with them.

ALTER TABLE fb_requests ADD COLUMN tier INTEGER NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3);
ALTER TABLE fb_requests ADD COLUMN escalated_at TIMESTAMPTZ NULL;
CREATE INDEX ix_fb_requests_assignee ON fb_requests (assignee_id, next_due_at);

-- Staff not listed here work in tier 1, lead nothing and are not service supervisors.
-- A tier's leads get its SLA warnings; supervisors handle complaints.
CREATE TABLE fb_team (
    user_id BIGINT PRIMARY KEY,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    tier INTEGER NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
    is_lead BOOLEAN NOT NULL DEFAULT FALSE,
    is_supervisor BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMPTZ NOT NULL
);

ALTER TABLE fb_events DROP CONSTRAINT fb_events_kind_check;
ALTER TABLE fb_events ADD CONSTRAINT fb_events_kind_check CHECK (kind IN ('created', 'reply', 'note', 'status', 'assigned', 'closed',
    'reopened', 'escalated', 'severity', 'warned', 'article'));
