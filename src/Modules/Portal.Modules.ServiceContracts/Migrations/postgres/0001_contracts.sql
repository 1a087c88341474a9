-- The product catalog, the customers' installed base, service contracts and SLA targets.
-- organisation_id refers to Accounts' organisations; no foreign key across modules.
CREATE TABLE sc_products (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE sc_product_versions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id BIGINT NOT NULL REFERENCES sc_products (id),
    major INTEGER NOT NULL,
    minor INTEGER NOT NULL,
    patch INTEGER NOT NULL,
    released_on DATE NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (product_id, major, minor, patch)
);

CREATE TABLE sc_installations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL REFERENCES sc_products (id),
    version_id BIGINT NOT NULL REFERENCES sc_product_versions (id),
    site TEXT NULL,
    serial_number TEXT NULL,
    notes TEXT NULL,
    removed_at TIMESTAMPTZ NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_sc_installations_org ON sc_installations (organisation_id, product_id);

CREATE TABLE sc_installation_history (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    installation_id BIGINT NOT NULL REFERENCES sc_installations (id),
    from_version_id BIGINT NULL REFERENCES sc_product_versions (id),
    to_version_id BIGINT NOT NULL REFERENCES sc_product_versions (id),
    changed_at TIMESTAMPTZ NOT NULL,
    changed_by BIGINT NULL,
    note TEXT NULL
);
CREATE INDEX ix_sc_installation_history ON sc_installation_history (installation_id, changed_at);

-- A service period. ends_on is the last covered day (inclusive), in the vendor's time zone.
CREATE TABLE sc_contracts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL REFERENCES sc_products (id),
    kind TEXT NOT NULL CHECK (kind IN ('free', 'paid')),
    service_level TEXT NOT NULL CHECK (service_level IN ('standard', 'premium')),
    starts_on DATE NOT NULL,
    months INTEGER NOT NULL CHECK (months > 0),
    ends_on DATE NOT NULL,
    major_upgrades BOOLEAN NOT NULL DEFAULT FALSE,
    trainings_per_year INTEGER NOT NULL DEFAULT 2,
    reference TEXT NULL,
    notes TEXT NULL,
    cancelled_at TIMESTAMPTZ NULL,
    cancelled_by BIGINT NULL,
    cancel_reason TEXT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    created_by BIGINT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX ix_sc_contracts_org ON sc_contracts (organisation_id, product_id, starts_on);
CREATE INDEX ix_sc_contracts_ends ON sc_contracts (ends_on);

-- Response and resolution targets per service level and severity (1-4, 5 = suggestion).
-- business_hours: counted in working hours (standard) or clock hours (premium).
CREATE TABLE sc_sla_targets (
    service_level TEXT NOT NULL CHECK (service_level IN ('standard', 'premium')),
    severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
    respond_hours INTEGER NOT NULL CHECK (respond_hours > 0),
    resolve_hours INTEGER NULL CHECK (resolve_hours > 0),
    business_hours BOOLEAN NOT NULL,
    updated_at TIMESTAMPTZ NULL,
    updated_by BIGINT NULL,
    PRIMARY KEY (service_level, severity)
);
INSERT INTO sc_sla_targets (service_level, severity, respond_hours, resolve_hours, business_hours) VALUES
    ('standard', 1, 1, 24, TRUE), ('standard', 2, 8, 72, TRUE), ('standard', 3, 12, 120, TRUE),
    ('standard', 4, 16, NULL, TRUE), ('standard', 5, 24, NULL, TRUE),
    ('premium', 1, 1, 24, FALSE), ('premium', 2, 8, 72, FALSE), ('premium', 3, 12, 120, FALSE),
    ('premium', 4, 16, NULL, FALSE), ('premium', 5, 24, NULL, FALSE);
