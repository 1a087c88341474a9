CREATE TABLE ct_probe_2 (id INTEGER NOT NULL);
INSERT INTO ct_migration_log (version) VALUES (2);
