-- The holiday calendar of the SLA clock: public holidays and make-up working days (调休), as
-- dates in the vendor's time zone. Every change bumps fb_holiday_revision in the same transaction,
-- which tells every node to reload its cached calendar.
CREATE TABLE fb_holidays (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER NULL
);

CREATE TABLE fb_holiday_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);

INSERT INTO fb_holiday_revision (id, revision) VALUES (1, 0);
