-- Deflection: one row per load of the new-request form (a "session"). Suggested knowledge articles
-- shown, opened (through the recording redirect) and the form submitted are stamped on it; a session
-- whose article was opened and whose form was not submitted within an hour counts as deflected.
-- month is the month of started_at in the vendor's time zone (yyyy-MM), for the monthly report.
-- organisation_id / user_id refer to Accounts; request_id to fb_requests (no foreign key: the row
-- is a statistic and must not stop a request from being removed).
CREATE TABLE fb_deflection (
    session_id TEXT PRIMARY KEY,
    organisation_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    shown_at TIMESTAMPTZ NULL,
    opened_at TIMESTAMPTZ NULL,
    opened_count INTEGER NOT NULL DEFAULT 0,
    opened_position INTEGER NULL,
    submitted_at TIMESTAMPTZ NULL,
    request_id BIGINT NULL
);
CREATE INDEX ix_fb_deflection_month ON fb_deflection (month);
