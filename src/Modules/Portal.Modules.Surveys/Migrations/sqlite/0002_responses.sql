-- Surveys: invitations (an emailed single-use link; only the SHA-256 of its token is kept), the responses
-- and their answers. sv_responses.invitation_id is UNIQUE: two simultaneous submissions of one link give
-- one response, the other insert fails and is shown "already answered".
CREATE TABLE sv_invitations (
    id INTEGER PRIMARY KEY,
    template_version_id INTEGER NOT NULL REFERENCES sv_template_versions (id),
    -- Lowercase hex SHA-256 of the 32-byte random token sent in the link.
    token_hash TEXT NOT NULL UNIQUE,
    -- acc_users id when the invitee has an account (plain column: no foreign key across modules).
    user_id INTEGER,
    organisation_id INTEGER NOT NULL,
    email TEXT NOT NULL,
    language TEXT NOT NULL,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('request', 'session', 'campaign')),
    -- fb_requests id, tr_enrollments id or a campaign id, by subject_kind.
    subject_id INTEGER NOT NULL,
    subject_label TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    answered_at TEXT,
    reminders_sent INTEGER NOT NULL DEFAULT 0,
    -- One invitation per closed request, per enrollment, per campaign and person.
    UNIQUE (subject_kind, subject_id, email)
);
CREATE INDEX ix_sv_invitations_user ON sv_invitations (user_id);

CREATE TABLE sv_responses (
    id INTEGER PRIMARY KEY,
    invitation_id INTEGER NOT NULL UNIQUE REFERENCES sv_invitations (id),
    template_version_id INTEGER NOT NULL REFERENCES sv_template_versions (id),
    organisation_id INTEGER NOT NULL,
    -- 'web' when the customer answered the link; phone/fax/email when staff recorded it for them.
    channel TEXT NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'phone', 'fax', 'email')),
    -- acc_users id of the staff member who recorded it; NULL for 'web'.
    -- JSON array of the header fields' values (合同名称, 客户名称, ...), in the version's order.
    header TEXT NOT NULL DEFAULT '[]',
    recorded_by INTEGER,
    submitted_at TEXT NOT NULL
);

CREATE TABLE sv_answers (
    id INTEGER PRIMARY KEY,
    response_id INTEGER NOT NULL REFERENCES sv_responses (id),
    question_id INTEGER NOT NULL REFERENCES sv_questions (id),
    -- rating questions: 1..5, or NULL with not_applicable = 1 (kept apart from averages).
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    not_applicable INTEGER NOT NULL DEFAULT 0,
    -- choice questions: the chosen sv_choices position (1-based).
    choice INTEGER,
    text TEXT,
    remark TEXT,
    UNIQUE (response_id, question_id)
);
CREATE INDEX ix_sv_answers_question ON sv_answers (question_id);
