-- Compliance conditions with the time they first held, and audit log filter indexes; see
-- sqlite/005_conditions_audit_search.sql.
CREATE TABLE device_conditions (
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    since BIGINT NOT NULL,
    PRIMARY KEY (device_id, code)
);
ALTER TABLE devices ADD COLUMN conditions_at BIGINT;
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_target ON audit_log (target, id);
