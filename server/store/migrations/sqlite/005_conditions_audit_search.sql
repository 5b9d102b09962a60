-- Compliance conditions keep the time they first held, so that every reason the API gives can
-- say since when. device_conditions holds the policy-independent facts of a device's stored
-- report (antivirus.missing, patches.security-pending...; compliance/ComplianceConditions.h);
-- devices.conditions_at is when they were last computed (NULL: never, so computed at the next
-- report). The audit log gains indexes for its actor and target filters, newest first.
CREATE TABLE device_conditions (
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    since BIGINT NOT NULL,
    PRIMARY KEY (device_id, code)
);
ALTER TABLE devices ADD COLUMN conditions_at BIGINT;
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_target ON audit_log (target, id);
