-- Training: attendance recorded by staff for an enrolled trainee (NULL until recorded).
-- attendance: attended | absent; recorded_by is the staff user id (Accounts, no foreign key across modules).
ALTER TABLE tr_enrollments ADD COLUMN attendance TEXT NULL CHECK (attendance IN ('attended', 'absent'));
ALTER TABLE tr_enrollments ADD COLUMN attendance_recorded_at TIMESTAMPTZ NULL;
ALTER TABLE tr_enrollments ADD COLUMN attendance_recorded_by BIGINT NULL;
