-- Counts reports applied per device (duplicates excluded). With last_sequence it shows at a
-- glance whether every report an agent sent arrived exactly once.
ALTER TABLE devices ADD COLUMN reports_stored BIGINT NOT NULL DEFAULT 0;
