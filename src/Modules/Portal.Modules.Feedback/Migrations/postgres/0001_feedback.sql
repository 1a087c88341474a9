-- Feedback: service requests (problems, suggestions, complaints), their timeline and attachments.
-- organisation_id / user ids refer to Accounts, product_code to ServiceContracts' catalog; no foreign key across modules.

-- The last number handed out per year: FB-<year>-<number>.
CREATE TABLE fb_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE fb_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    organisation_id BIGINT NOT NULL,
    created_by BIGINT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    contact_language TEXT NOT NULL,
    contact_phone TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL CHECK (type IN ('problem', 'suggestion', 'complaint')),
    product_code TEXT NOT NULL,
    product_version TEXT NOT NULL,
    severity INTEGER NULL CHECK (severity IS NULL OR severity BETWEEN 1 AND 4),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'waiting', 'proposed', 'closed', 'reopened')),
    -- The SLA as promised at submission: covered = 0 means no due time was promised.
    covered BOOLEAN NOT NULL,
    service_level TEXT NULL,
    business_hours BOOLEAN NOT NULL DEFAULT TRUE,
    respond_due_at TIMESTAMPTZ NULL,
    resolve_due_at TIMESTAMPTZ NULL,
    first_response_at TIMESTAMPTZ NULL,
    -- While waiting on the customer the resolution clock stops: the service time left is kept here.
    paused_at TIMESTAMPTZ NULL,
    resolve_left_seconds BIGINT NULL,
    -- The next due instant (response until answered, then resolution); NULL when none runs. Queue order.
    next_due_at TIMESTAMPTZ NULL,
    assignee_id BIGINT NULL,
    assignee_name TEXT NULL,
    proposed_at TIMESTAMPTZ NULL,
    closed_at TIMESTAMPTZ NULL,
    close_reason TEXT NULL CHECK (close_reason IS NULL OR close_reason IN ('confirmed', 'auto', 'staff')),
    reopen_until TIMESTAMPTZ NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_fb_requests_org ON fb_requests (organisation_id, created_at);
CREATE INDEX ix_fb_requests_creator ON fb_requests (created_by, created_at);
CREATE INDEX ix_fb_requests_queue ON fb_requests (status, next_due_at);
CREATE INDEX ix_fb_requests_proposed ON fb_requests (proposed_at) WHERE status = 'proposed';

-- The timeline: who did what when. Internal entries (notes) are for staff only.
CREATE TABLE fb_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES fb_requests (id),
    at TIMESTAMPTZ NOT NULL,
    actor_id BIGINT NULL,
    actor_name TEXT NOT NULL,
    by_staff BOOLEAN NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'reply', 'note', 'status', 'assigned', 'closed', 'reopened')),
    internal BOOLEAN NOT NULL DEFAULT FALSE,
    body TEXT NOT NULL DEFAULT '',
    from_status TEXT NULL,
    to_status TEXT NULL
);
CREATE INDEX ix_fb_events_request ON fb_events (request_id, id);

-- store_key is the file store's key; file_name is for display and Content-Disposition only.
CREATE TABLE fb_attachments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES fb_requests (id),
    event_id BIGINT NULL REFERENCES fb_events (id),
    internal BOOLEAN NOT NULL DEFAULT FALSE,
    store_key TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_fb_attachments_request ON fb_attachments (request_id);
