-- The audit log becomes append-only and tamper-evident: each row carries the SHA-256 of its own
-- fields and of the row before (AuditLog.cpp says exactly what is hashed). Rows written before
-- this migration have no hash; the chain starts after them. audit_head holds the newest row's id
-- and hash, so that rows cut off the end are noticed too.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
INSERT INTO audit_head (id, last_id, last_hash) SELECT 1, COALESCE(MAX(id), 0), '' FROM audit_log;
