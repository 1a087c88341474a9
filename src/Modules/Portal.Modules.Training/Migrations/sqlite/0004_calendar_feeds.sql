-- Training: personal iCal feed tokens and the reminders already sent.
-- tr_feed_tokens: one per user (Accounts user id, no foreign key across modules). token_hash is the
-- SHA-256 (hex) of the secret in the feed URL, used for the lookup; token_protected is the same secret
-- encrypted with the portal's data-protection keys so "My trainings" can show the URL again.
CREATE TABLE tr_feed_tokens (
    user_id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    token_protected TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- One row per enrollment and reminder kind (d3, d1), written in the transaction that enqueues the
-- email, so a reminder goes out once however often and on however many nodes the sweep runs.
CREATE TABLE tr_reminders (
    enrollment_id INTEGER NOT NULL REFERENCES tr_enrollments (id),
    kind TEXT NOT NULL CHECK (kind IN ('d3', 'd1')),
    sent_at TEXT NOT NULL,
    PRIMARY KEY (enrollment_id, kind)
);
