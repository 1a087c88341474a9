-- Whether the user wants survey invitations and reminders by email (/Account/Profile). On unless turned off;
-- with it off an invitation is still made (answerable from the home page), only no email is sent.
ALTER TABLE acc_users ADD COLUMN email_surveys INTEGER NOT NULL DEFAULT 1;
