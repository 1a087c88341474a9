-- Which emails a user wants, changed on /Account/Profile: replies and status changes of their
-- requests, and the monthly service bulletin. Both on unless the user turns them off.
ALTER TABLE acc_users ADD COLUMN email_requests BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE acc_users ADD COLUMN email_bulletin BOOLEAN NOT NULL DEFAULT TRUE;
