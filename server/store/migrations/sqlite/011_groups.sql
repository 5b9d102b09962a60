-- Device groups and what query groups select devices by. A static group lists its members in
-- device_group_members; a query group has a `query` (groups/GroupQuery.h, docs/groups.md) that
-- the server evaluates whenever the group is read, over facts kept at ingest:
-- device_facts holds one row per value of a field (os.name, updates.security...), lower-cased,
-- with `sort_key` its groups::versionKey so that versions and counts compare with an index;
-- software and device_software hold the installed packages, each (name, version) once for the
-- whole site. devices.facts_at is when a device's facts were last computed (NULL: not yet; the
-- server computes them at start-up and at the next report).
CREATE TABLE device_groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    query TEXT,
    description TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE device_group_members (
    group_id INTEGER NOT NULL REFERENCES device_groups (id) ON DELETE CASCADE,
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    added_by TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, device_id)
);
CREATE INDEX device_group_members_device ON device_group_members (device_id);
CREATE TABLE device_facts (
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    PRIMARY KEY (device_id, field, value)
);
CREATE INDEX device_facts_value ON device_facts (field, value, device_id);
CREATE INDEX device_facts_sort_key ON device_facts (field, sort_key, device_id);
CREATE TABLE software (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    name_key TEXT NOT NULL,
    version_key TEXT NOT NULL,
    UNIQUE (name, version)
);
CREATE INDEX software_name_key ON software (name_key, version_key);
CREATE TABLE device_software (
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    software_id INTEGER NOT NULL REFERENCES software (id),
    PRIMARY KEY (device_id, software_id)
);
CREATE INDEX device_software_software ON device_software (software_id, device_id);
ALTER TABLE devices ADD COLUMN facts_at BIGINT;
