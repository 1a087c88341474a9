-- The staff queue reads open requests only: one partial index over them, in the queue's default
-- order and holding every filter column, lets a filtered first page and its count read the index
-- alone (measured with tests/Portal.Benchmarks feedback). The two indexes it replaces made the
-- planner visit table rows instead: every unassigned request, closed ones included, or every
-- request of one status before sorting.
DROP INDEX ix_fb_requests_assignee;
DROP INDEX ix_fb_requests_queue;
CREATE INDEX ix_fb_requests_open ON fb_requests ((next_due_at IS NULL), next_due_at, created_at, id, updated_at, status, type,
    severity, tier, assignee_id, organisation_id, product_code) WHERE status <> 'closed';
-- The other two orders of the queue (newest, recently updated) walk these instead of sorting.
CREATE INDEX ix_fb_requests_open_created ON fb_requests (created_at, id) WHERE status <> 'closed';
CREATE INDEX ix_fb_requests_open_updated ON fb_requests (updated_at, id) WHERE status <> 'closed';
