-- The node that holds a claim (Outbox:NodeId or the id kept in the data folder): a restarted
-- node releases its own unfinished claims at once instead of waiting out the lease.
ALTER TABLE outbox ADD COLUMN locked_by TEXT NULL;
