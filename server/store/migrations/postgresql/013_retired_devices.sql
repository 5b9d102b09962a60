-- Retired devices; see sqlite/013_retired_devices.sql.
ALTER TABLE devices ADD COLUMN retired_at BIGINT;
ALTER TABLE devices ADD COLUMN retired_by TEXT;
ALTER TABLE devices ADD COLUMN retired_reason TEXT;
