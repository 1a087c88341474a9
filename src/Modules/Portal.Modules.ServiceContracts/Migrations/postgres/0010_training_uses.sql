-- Trainings an organisation used from its contracts' yearly quota. A use counts against one
-- contract year (contract_id, year_start); reference is the caller's key (e.g. an enrollment),
-- unique per organisation, so recording the same use twice counts it once.
CREATE TABLE sc_training_uses (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL,
    contract_id BIGINT NOT NULL REFERENCES sc_contracts (id),
    year_start DATE NOT NULL,
    reference TEXT NOT NULL,
    used_at TIMESTAMPTZ NOT NULL,
    released_at TIMESTAMPTZ NULL,
    UNIQUE (organisation_id, reference)
);
CREATE INDEX ix_sc_training_uses_contract ON sc_training_uses (contract_id, year_start);
