CREATE TABLE ct_migration_log (version INTEGER NOT NULL);
INSERT INTO ct_migration_log (version) VALUES (1);
