-- Training: who is enrolled in which session. trainee_* copies the Accounts user at enrollment time
-- (no foreign key across modules). state: enrolled (holds a seat), waitlisted (waits for one, in
-- waitlist_position order), requested (paid, awaiting staff confirmation; holds no seat), cancelled.
-- billing: free (counted through ServiceContracts' RecordTrainingUse under "tr-session:{id}") or paid.
CREATE TABLE tr_enrollments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES tr_sessions (id),
    organisation_id BIGINT NOT NULL,
    trainee_user_id BIGINT NOT NULL,
    trainee_name TEXT NOT NULL,
    trainee_email TEXT NOT NULL,
    trainee_language TEXT NOT NULL,
    enrolled_by BIGINT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('enrolled', 'waitlisted', 'requested', 'cancelled')),
    billing TEXT NOT NULL CHECK (billing IN ('free', 'paid')),
    waitlist_position INTEGER NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    cancelled_at TIMESTAMPTZ NULL
);
-- One live enrollment per trainee and session.
CREATE UNIQUE INDEX ux_tr_enrollments_live ON tr_enrollments (session_id, trainee_user_id) WHERE state <> 'cancelled';
CREATE INDEX ix_tr_enrollments_session ON tr_enrollments (session_id, state, waitlist_position);
CREATE INDEX ix_tr_enrollments_trainee ON tr_enrollments (trainee_user_id, created_at);
