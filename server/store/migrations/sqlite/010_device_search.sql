-- The help-desk lookup: the words a device can be found by (hostname, FQDN, serial, IP and MAC
-- addresses, users), lower-cased and kept at ingest (store/DeviceSearch), so that a search is
-- an index range scan, not a read of every device's sections. `term` is what is matched (by
-- prefix), `shown` the value it came from. devices.search_at is when the device's terms were
-- last computed (NULL: not yet; the server computes them at start-up and at the next report).
CREATE TABLE device_search_terms (
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    term TEXT NOT NULL,
    shown TEXT NOT NULL,
    PRIMARY KEY (device_id, field, term)
);
CREATE INDEX device_search_terms_term ON device_search_terms (term);
ALTER TABLE devices ADD COLUMN search_at BIGINT;
