-- Training: certificates issued when a trainee attended a session of a certifying course. The
-- trainee's name and the course titles are copied at issue time (a certificate does not change when
-- the account or course does). number is public (verification page) and carries a random part so
-- numbers cannot be enumerated. reminded_at marks the one expiry reminder.
CREATE TABLE tr_certificates (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    enrollment_id INTEGER NOT NULL REFERENCES tr_enrollments (id),
    trainee_user_id INTEGER NOT NULL,
    trainee_name TEXT NOT NULL,
    trainee_email TEXT NOT NULL,
    trainee_language TEXT NOT NULL,
    course_id INTEGER NOT NULL REFERENCES tr_courses (id),
    course_title_zh TEXT NOT NULL,
    course_title_en TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT NULL,
    revoked_by INTEGER NULL,
    revoke_reason TEXT NULL,
    reminded_at TEXT NULL
);
CREATE UNIQUE INDEX ux_tr_certificates_number ON tr_certificates (number);
-- One certificate per enrollment: re-saving attendance issues no second one.
CREATE UNIQUE INDEX ux_tr_certificates_enrollment ON tr_certificates (enrollment_id);
CREATE INDEX ix_tr_certificates_trainee ON tr_certificates (trainee_user_id, issued_on);
CREATE INDEX ix_tr_certificates_expiry ON tr_certificates (expires_on);
