-- Feedback: requests opened as a satisfaction-survey follow-up (Contracts.OpenFollowUpRequest). response_id is the
-- Surveys sv_responses id (a plain column: no foreign key across modules); UNIQUE makes opening idempotent per response.
CREATE TABLE fb_survey_followups (
    request_id INTEGER PRIMARY KEY REFERENCES fb_requests (id),
    response_id INTEGER NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
