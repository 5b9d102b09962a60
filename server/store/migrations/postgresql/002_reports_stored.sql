-- Counts reports applied per device (duplicates excluded); see sqlite/002_reports_stored.sql.
ALTER TABLE devices ADD COLUMN reports_stored BIGINT NOT NULL DEFAULT 0;
