-- A device job's per-item results as the device sent them (CBOR): its signed receipt covers these
-- exact bytes (itemsDigest), so the console and stewardctl can check that the items the server
-- shows (device_jobs.items, JSON text made from them) are what the device reported.
ALTER TABLE device_jobs ADD COLUMN items_cbor BLOB;
