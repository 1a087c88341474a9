-- SLA watch: what each running target is measured against, which due times were warned about
-- (so a recomputed target warns again), automatic escalation once per resolution target, and
-- whether the resolution target was met (for the compliance dashboard).

-- The service time of the current targets (business or clock seconds from the target's start to
-- its due time); a pause keeps it, a recomputed target (severity change) sets it anew.
ALTER TABLE fb_requests ADD COLUMN respond_target_seconds BIGINT NULL;
ALTER TABLE fb_requests ADD COLUMN resolve_target_seconds BIGINT NULL;
-- The due time (a copy of next_due_at) the 75% warning, the breach warning and the automatic escalation were for.
ALTER TABLE fb_requests ADD COLUMN warned_soon_due TIMESTAMPTZ NULL;
ALTER TABLE fb_requests ADD COLUMN warned_breach_due TIMESTAMPTZ NULL;
ALTER TABLE fb_requests ADD COLUMN auto_escalated_due TIMESTAMPTZ NULL;
-- When a solution was first proposed or the request first closed, and whether that was by the resolution due time
-- (NULL: no resolution target).
ALTER TABLE fb_requests ADD COLUMN resolved_at TIMESTAMPTZ NULL;
ALTER TABLE fb_requests ADD COLUMN resolve_met BOOLEAN NULL;

UPDATE fb_requests SET resolved_at = COALESCE(proposed_at, closed_at) WHERE status IN ('proposed', 'closed');
UPDATE fb_requests SET resolve_met = resolved_at <= resolve_due_at
WHERE resolved_at IS NOT NULL AND resolve_due_at IS NOT NULL;

CREATE INDEX ix_fb_requests_respond_due ON fb_requests (respond_due_at);
