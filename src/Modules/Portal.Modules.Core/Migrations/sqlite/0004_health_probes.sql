-- Readiness (/healthz) proves the database takes writes by updating this node's row: a full
-- disk or a read-only database fails here before it fails a customer's request.
CREATE TABLE health_probes (
    node TEXT PRIMARY KEY,
    checked_at TEXT NOT NULL
);
