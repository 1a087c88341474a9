-- Which emails a user wants, changed on /Account/Profile: replies and status changes of their
-- requests, and the monthly service bulletin. Both on unless the user turns them off.
ALTER TABLE acc_users ADD COLUMN email_requests INTEGER NOT NULL DEFAULT 1;
ALTER TABLE acc_users ADD COLUMN email_bulletin INTEGER NOT NULL DEFAULT 1;
