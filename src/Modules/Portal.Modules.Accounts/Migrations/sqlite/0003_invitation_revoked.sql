-- Admins can withdraw an invitation (revoked_at) and send it again with a new token; last_sent_at
-- is when the current link was emailed and send_count numbers the emails (the outbox dedup key).
ALTER TABLE acc_invitations ADD COLUMN revoked_at TEXT NULL;
ALTER TABLE acc_invitations ADD COLUMN last_sent_at TEXT NULL;
ALTER TABLE acc_invitations ADD COLUMN send_count INTEGER NOT NULL DEFAULT 1;
-- The admin list is newest first.
CREATE INDEX ix_acc_invitations_created ON acc_invitations (created_at, id);
