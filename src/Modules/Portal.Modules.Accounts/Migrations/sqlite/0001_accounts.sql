CREATE TABLE acc_organisations (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    account_manager_email TEXT NULL,
    is_active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE acc_users (
    id INTEGER PRIMARY KEY,
    user_name TEXT NOT NULL,
    normalized_user_name TEXT NOT NULL UNIQUE,
    email TEXT NULL,
    normalized_email TEXT NULL,
    email_confirmed INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT NULL,
    security_stamp TEXT NULL,
    concurrency_stamp TEXT NULL,
    phone_number TEXT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    preferred_language TEXT NOT NULL DEFAULT 'zh-CN',
    organisation_id INTEGER NULL REFERENCES acc_organisations (id),
    lockout_end TEXT NULL,
    lockout_enabled INTEGER NOT NULL DEFAULT 1,
    access_failed_count INTEGER NOT NULL DEFAULT 0,
    two_factor_enabled INTEGER NOT NULL DEFAULT 0,
    authenticator_key TEXT NULL,
    recovery_codes TEXT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_acc_users_email ON acc_users (normalized_email);
CREATE INDEX ix_acc_users_org ON acc_users (organisation_id);

CREATE TABLE acc_user_roles (
    user_id INTEGER NOT NULL REFERENCES acc_users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE acc_invitations (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    organisation_id INTEGER NULL REFERENCES acc_organisations (id),
    role TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'zh-CN',
    token_hash TEXT NOT NULL UNIQUE,
    invited_by INTEGER NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT NULL
);

CREATE TABLE acc_audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    user_id INTEGER NULL,
    user_name TEXT NULL,
    actor_id INTEGER NULL,
    ip TEXT NULL,
    detail TEXT NULL
);
CREATE INDEX ix_acc_audit_at ON acc_audit_log (at);
