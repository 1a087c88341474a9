-- The product catalog, the customers' installed base, service contracts and SLA targets.
-- organisation_id refers to Accounts' organisations; no foreign key across modules.
CREATE TABLE sc_products (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    is_active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE sc_product_versions (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES sc_products (id),
    major INTEGER NOT NULL,
    minor INTEGER NOT NULL,
    patch INTEGER NOT NULL,
    released_on TEXT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (product_id, major, minor, patch)
);

CREATE TABLE sc_installations (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES sc_products (id),
    version_id INTEGER NOT NULL REFERENCES sc_product_versions (id),
    site TEXT NULL,
    serial_number TEXT NULL,
    notes TEXT NULL,
    removed_at TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_sc_installations_org ON sc_installations (organisation_id, product_id);

CREATE TABLE sc_installation_history (
    id INTEGER PRIMARY KEY,
    installation_id INTEGER NOT NULL REFERENCES sc_installations (id),
    from_version_id INTEGER NULL REFERENCES sc_product_versions (id),
    to_version_id INTEGER NOT NULL REFERENCES sc_product_versions (id),
    changed_at TEXT NOT NULL,
    changed_by INTEGER NULL,
    note TEXT NULL
);
CREATE INDEX ix_sc_installation_history ON sc_installation_history (installation_id, changed_at);

-- A service period. ends_on is the last covered day (inclusive), in the vendor's time zone.
CREATE TABLE sc_contracts (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES sc_products (id),
    kind TEXT NOT NULL CHECK (kind IN ('free', 'paid')),
    service_level TEXT NOT NULL CHECK (service_level IN ('standard', 'premium')),
    starts_on TEXT NOT NULL,
    months INTEGER NOT NULL CHECK (months > 0),
    ends_on TEXT NOT NULL,
    major_upgrades INTEGER NOT NULL DEFAULT 0,
    trainings_per_year INTEGER NOT NULL DEFAULT 2,
    reference TEXT NULL,
    notes TEXT NULL,
    cancelled_at TEXT NULL,
    cancelled_by INTEGER NULL,
    cancel_reason TEXT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER NULL,
    updated_at TEXT NOT NULL,
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
    business_hours INTEGER NOT NULL,
    updated_at TEXT NULL,
    updated_by INTEGER NULL,
    PRIMARY KEY (service_level, severity)
);
INSERT INTO sc_sla_targets (service_level, severity, respond_hours, resolve_hours, business_hours) VALUES
    ('standard', 1, 1, 24, 1), ('standard', 2, 8, 72, 1), ('standard', 3, 12, 120, 1),
    ('standard', 4, 16, NULL, 1), ('standard', 5, 24, NULL, 1),
    ('premium', 1, 1, 24, 0), ('premium', 2, 8, 72, 0), ('premium', 3, 12, 120, 0),
    ('premium', 4, 16, NULL, 0), ('premium', 5, 24, NULL, 0);
