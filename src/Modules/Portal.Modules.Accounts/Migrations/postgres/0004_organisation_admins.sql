-- An organisation administrator is a customer user who sees (and acts on) everything of the
-- organisation in the portal, e.g. every service request, not only their own.
ALTER TABLE acc_users ADD COLUMN is_org_admin BOOLEAN NOT NULL DEFAULT FALSE;
