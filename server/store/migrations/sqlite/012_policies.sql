-- Compliance policies per org unit: each row sets one rule (compliance/PolicyRules.h) for the
-- unit's devices and those of every unit below it, unless a unit nearer the device sets it too.
-- A rule no unit sets keeps its built-in value. Deleting a unit deletes its settings.
CREATE TABLE org_unit_policies (
    org_unit_id INTEGER NOT NULL REFERENCES org_units (id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    value TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at BIGINT NOT NULL,
    PRIMARY KEY (org_unit_id, rule)
);
