-- Trainings an organisation used from its contracts' yearly quota. A use counts against one
-- contract year (contract_id, year_start); reference is the caller's key (e.g. an enrollment),
-- unique per organisation, so recording the same use twice counts it once.
CREATE TABLE sc_training_uses (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL,
    contract_id INTEGER NOT NULL REFERENCES sc_contracts (id),
    year_start TEXT NOT NULL,
    reference TEXT NOT NULL,
    used_at TEXT NOT NULL,
    released_at TEXT NULL,
    UNIQUE (organisation_id, reference)
);
CREATE INDEX ix_sc_training_uses_contract ON sc_training_uses (contract_id, year_start);
