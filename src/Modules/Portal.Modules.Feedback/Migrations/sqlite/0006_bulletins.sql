-- The monthly bulletin: one row per organisation and month (yyyy-MM), claimed in the same
-- transaction as its emails enter the outbox, so it goes out once however many nodes run the job.
-- reported = 0: the month had nothing to report, so nothing was sent. The counts are as sent.
CREATE TABLE fb_bulletins (
    organisation_id INTEGER NOT NULL,
    month TEXT NOT NULL,
    reported INTEGER NOT NULL,
    recipients INTEGER NOT NULL,
    received INTEGER NOT NULL,
    resolved INTEGER NOT NULL,
    still_open INTEGER NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, month)
);
CREATE INDEX ix_fb_bulletins_month ON fb_bulletins (month);
