-- Jobs: operator lists, deployments, device jobs and job events; see sqlite/006_jobs.sql.
CREATE TABLE operator_lists (
    version BIGINT PRIMARY KEY,
    document BYTEA NOT NULL,
    signature BYTEA NOT NULL,
    root_fingerprint TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL
);
CREATE TABLE deployments (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    envelope BYTEA NOT NULL,
    signature BYTEA NOT NULL,
    signer TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    not_before BIGINT,
    deadline BIGINT,
    expires_at BIGINT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('active', 'paused', 'completed', 'cancelled', 'expired')),
    cancelled_by TEXT,
    cancelled_at BIGINT,
    summary TEXT NOT NULL
);
CREATE INDEX deployments_created ON deployments (created_at, id);
CREATE INDEX deployments_state ON deployments (state, expires_at);
CREATE TABLE device_jobs (
    deployment_id TEXT NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    proof BYTEA NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'delivered', 'waiting', 'running', 'succeeded', 'failed',
                                         'not-applicable', 'rejected', 'timed-out', 'cancelled', 'expired',
                                         'unknown')),
    reason TEXT,
    exit_code BIGINT,
    agent_outcome TEXT,
    items TEXT,
    output TEXT,
    receipt BYTEA,
    receipt_signature BYTEA,
    delivered_at BIGINT,
    started_at BIGINT,
    finished_at BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (deployment_id, device_id)
);
CREATE INDEX device_jobs_device ON device_jobs (device_id, state);
CREATE TABLE job_events (
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    deployment_id TEXT NOT NULL,
    state TEXT NOT NULL,
    at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    data BYTEA,
    PRIMARY KEY (device_id, seq)
);
ALTER TABLE devices ADD COLUMN job_event_seq BIGINT NOT NULL DEFAULT 0;
