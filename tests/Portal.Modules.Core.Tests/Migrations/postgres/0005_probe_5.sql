CREATE TABLE ct_probe_5 (id INTEGER NOT NULL);
INSERT INTO ct_migration_log (version) VALUES (5);
