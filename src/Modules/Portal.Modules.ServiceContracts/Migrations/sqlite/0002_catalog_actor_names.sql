-- Who changed an installation's version and who last edited an SLA target, as their name at the
-- time (user ids belong to Accounts; no join across modules).
ALTER TABLE sc_installation_history ADD COLUMN changed_by_name TEXT NULL;
ALTER TABLE sc_installations ADD COLUMN removed_by INTEGER NULL;
ALTER TABLE sc_sla_targets ADD COLUMN updated_by_name TEXT NULL;
