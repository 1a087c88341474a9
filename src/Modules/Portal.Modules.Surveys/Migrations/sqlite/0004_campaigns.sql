-- Surveys: campaigns (staff invite every contact of chosen organisations, or of the organisations with an
-- installation of a chosen product, to one template version) and what reminders need.
CREATE TABLE sv_campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    template_version_id INTEGER NOT NULL REFERENCES sv_template_versions (id),
    -- 'organisations': the rows of sv_campaign_organisations; 'product': whoever has product_code installed.
    audience TEXT NOT NULL CHECK (audience IN ('organisations', 'product')),
    product_code TEXT NOT NULL DEFAULT '',
    -- acc_users id of the staff member (plain column: no foreign key across modules).
    created_by INTEGER,
    created_at TEXT NOT NULL
);

-- The organisations a campaign went to (chosen, or found by product when it was sent).
CREATE TABLE sv_campaign_organisations (
    campaign_id INTEGER NOT NULL REFERENCES sv_campaigns (id),
    organisation_id INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, organisation_id)
);

-- The link's token protected with ASP.NET Data Protection (purpose Portal.Surveys.InvitationToken), so a
-- reminder can send the same link; token_hash stays the lookup key. NULL for invitations made before.
ALTER TABLE sv_invitations ADD COLUMN token_protected TEXT;
CREATE INDEX ix_sv_invitations_subject ON sv_invitations (subject_kind, subject_id);
-- What the reminder sweep scans: open invitations still owed a reminder.
CREATE INDEX ix_sv_invitations_reminders ON sv_invitations (created_at) WHERE answered_at IS NULL AND reminders_sent < 2;
