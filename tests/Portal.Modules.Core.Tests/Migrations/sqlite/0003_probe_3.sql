CREATE TABLE ct_probe_3 (id INTEGER NOT NULL);
INSERT INTO ct_migration_log (version) VALUES (3);
