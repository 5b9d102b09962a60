-- Org units: the tree of ministries, departments and sites that devices belong to. The root
-- (id 1, path '/') is the site itself: every device is in exactly one unit, the root until it is
-- placed. `path` is the unit's full name ('Ministry of Health/Maseru District'), kept with the
-- row so that lookups by path need no walk up the tree. An enrolment token may name the unit its
-- devices land in. (SQLite cannot add a column that references another table with a non-NULL
-- default; OrgUnitRepository keeps devices.org_unit_id pointing at a unit.)
CREATE TABLE org_units (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES org_units (id),
    name TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
INSERT INTO org_units (id, parent_id, name, path, created_at) VALUES (1, NULL, '', '/', 0);
ALTER TABLE devices ADD COLUMN org_unit_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX devices_org_unit ON devices (org_unit_id);
ALTER TABLE enrollment_tokens ADD COLUMN org_unit_id INTEGER REFERENCES org_units (id);
