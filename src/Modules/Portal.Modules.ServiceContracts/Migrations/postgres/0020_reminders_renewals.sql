-- Expiry reminders sent: one row per period, reminder and recipient. The unique key is what
-- makes two sweeps running at the same moment (on one node or several) send each at most once.
CREATE TABLE sc_reminders (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_id BIGINT NOT NULL REFERENCES sc_contracts (id),
    reminder TEXT NOT NULL CHECK (reminder IN ('d60', 'd30', 'd7', 'ended')),
    user_id BIGINT NOT NULL,
    email TEXT NOT NULL,
    language TEXT NOT NULL,
    due_on DATE NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL,
    UNIQUE (contract_id, reminder, user_id)
);

-- A customer's request to renew the service for a product. account_manager_email is who was
-- emailed (NULL: the organisation had no account manager, nobody was emailed). requested_by_*
-- keep who asked as they were then (no join across modules).
CREATE TABLE sc_renewal_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL REFERENCES sc_products (id),
    user_id BIGINT NOT NULL,
    requested_by_name TEXT NOT NULL,
    requested_by_email TEXT NOT NULL,
    message TEXT NULL,
    account_manager_email TEXT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'handled')),
    created_at TIMESTAMPTZ NOT NULL,
    handled_by BIGINT NULL,
    handled_by_name TEXT NULL,
    handled_at TIMESTAMPTZ NULL,
    staff_note TEXT NULL
);
-- At most one open request per organisation and product.
CREATE UNIQUE INDEX ux_sc_renewal_requests_open ON sc_renewal_requests (organisation_id, product_id) WHERE state = 'open';
CREATE INDEX ix_sc_renewal_requests_queue ON sc_renewal_requests (state, created_at);
