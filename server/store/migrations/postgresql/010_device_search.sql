-- The help-desk lookup; see sqlite/010_device_search.sql. Terms compare byte by byte (COLLATE
-- "C") so that a prefix is a range of the index whatever the database's locale.
CREATE TABLE device_search_terms (
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    term TEXT COLLATE "C" NOT NULL,
    shown TEXT NOT NULL,
    PRIMARY KEY (device_id, field, term)
);
CREATE INDEX device_search_terms_term ON device_search_terms (term);
ALTER TABLE devices ADD COLUMN search_at BIGINT;
