-- Retired devices: taken out of service on purpose (sold, scrapped, handed back). Retiring
-- revokes the device (its certificate is refused) and keeps its history, inventory and audit
-- trail, unlike deleting; it records who retired it, when and why.
ALTER TABLE devices ADD COLUMN retired_at BIGINT;
ALTER TABLE devices ADD COLUMN retired_by TEXT;
ALTER TABLE devices ADD COLUMN retired_reason TEXT;
