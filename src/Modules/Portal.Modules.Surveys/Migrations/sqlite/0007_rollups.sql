-- Surveys results at scale: counts kept up to date in the transaction that stores a response (InvitationStore.SubmitAsync
-- through Results/SurveyRollups), so the results page reads a few thousand rows instead of every answer.
-- month is 'yyyy-MM' of submitted_at in the vendor's time zone (PortalOptions.VendorTimeZone). Every count is kept twice:
-- for its organisation and for organisation_id 0 (all organisations: the page without an organisation filter).
-- Responses stored before this migration (or by hand) are counted by Results/RollupSweep in C# (SQLite cannot convert to
-- the vendor zone): it rebuilds both tables whenever their total differs from the number of sv_responses.

-- Per answer attribute: value is '1'..'5' (rating), 'na' (not applicable), 'c<k>' (choice k), 'text' (a non-empty text).
CREATE TABLE sv_answer_counts (
    template_version_id INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL,
    month TEXT NOT NULL,
    product_code TEXT NOT NULL,
    question_id INTEGER NOT NULL,
    value TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (template_version_id, organisation_id, month, product_code, question_id, value)
) WITHOUT ROWID;

-- Per response and breakdown: dimension 'engineer' (item: sv_invitations.engineer; also gives the month, product and
-- total counts), 'instructor', and for organisation_id 0 only 'organisation' (item: the organisation id). rated and
-- rating_sum are the responses rating the overall question (the version's last rating question) and their ratings' sum.
CREATE TABLE sv_response_counts (
    template_version_id INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL,
    month TEXT NOT NULL,
    product_code TEXT NOT NULL,
    dimension TEXT NOT NULL,
    item TEXT NOT NULL,
    n INTEGER NOT NULL,
    rated INTEGER NOT NULL,
    rating_sum INTEGER NOT NULL,
    PRIMARY KEY (template_version_id, organisation_id, month, product_code, dimension, item)
) WITHOUT ROWID;

-- The response rate counts invitations per version and period (and product, organisation) from this index alone.
CREATE INDEX ix_sv_invitations_version_created ON sv_invitations (template_version_id, created_at, answered_at, organisation_id, product_code);
