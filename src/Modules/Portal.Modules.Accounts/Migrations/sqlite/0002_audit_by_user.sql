-- The admin pages look up a user's events (last sign-in, recent activity) by user.
CREATE INDEX ix_acc_audit_user ON acc_audit_log (user_id, event, at);
