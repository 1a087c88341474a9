-- Surveys results: responses are always counted per template version and period (submitted_at).
CREATE INDEX ix_sv_responses_version_submitted ON sv_responses (template_version_id, submitted_at);
