-- Compliance policies per org unit; see sqlite/012_policies.sql.
CREATE TABLE org_unit_policies (
    org_unit_id BIGINT NOT NULL REFERENCES org_units (id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    value TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at BIGINT NOT NULL,
    PRIMARY KEY (org_unit_id, rule)
);
