-- Surveys: follow-ups "until the customer is satisfied" (直至客户满意为止). A response with a rating of 2 or less,
-- or an overall rating of 3 or less, opens one complaint in Feedback (request_id, a plain column: no foreign key
-- across modules). Closing that request invites to the after-service-request survey (the re-survey); its answer
-- ends the follow-up satisfied or unsatisfied (and an unsatisfied answer opens the next follow-up).
CREATE TABLE sv_followups (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The response that asked for the follow-up: at most one follow-up per response.
    response_id BIGINT NOT NULL UNIQUE REFERENCES sv_responses (id),
    template_version_id BIGINT NOT NULL REFERENCES sv_template_versions (id),
    organisation_id BIGINT NOT NULL,
    request_id BIGINT NOT NULL UNIQUE,
    request_reference TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    opened_at TIMESTAMPTZ NOT NULL,
    closed_at TIMESTAMPTZ NULL,
    resurvey_invitation_id BIGINT NULL REFERENCES sv_invitations (id),
    resurvey_response_id BIGINT NULL REFERENCES sv_responses (id),
    -- NULL until the re-survey is answered.
    outcome TEXT NULL CHECK (outcome IS NULL OR outcome IN ('satisfied', 'unsatisfied'))
);
CREATE INDEX ix_sv_followups_version ON sv_followups (template_version_id, opened_at);
CREATE INDEX ix_sv_followups_opened ON sv_followups (opened_at);
