-- Jobs (docs/jobs.md): signed operator lists, deployments, one device job per targeted device,
-- and the devices' job events. The server keeps what operators signed as exact bytes and never
-- changes it; states are the server's own record of what happened.
--
-- operator_lists: every list uploaded, newest version current. Versions only grow, and every
-- list names the same root key (the first upload registered its fingerprint).
CREATE TABLE operator_lists (
    version BIGINT PRIMARY KEY,
    document BLOB NOT NULL,
    signature BLOB NOT NULL,
    root_fingerprint TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL
);
-- deployments: a signed job envelope as uploaded, with the times copied out of it for queries.
-- summary is JSON text with what the console lists (what is installed, reboot policy).
CREATE TABLE deployments (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    envelope BLOB NOT NULL,
    signature BLOB NOT NULL,
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
-- device_jobs: a deployment's copy for one device, with its inclusion proof (CBOR) and what
-- the device reported. items and output are JSON text; receipt and its signature are the
-- device's signed result, kept as sent.
CREATE TABLE device_jobs (
    deployment_id TEXT NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    proof BLOB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'delivered', 'waiting', 'running', 'succeeded', 'failed',
                                         'not-applicable', 'rejected', 'timed-out', 'cancelled', 'expired',
                                         'unknown')),
    reason TEXT,
    exit_code BIGINT,
    agent_outcome TEXT,
    items TEXT,
    output TEXT,
    receipt BLOB,
    receipt_signature BLOB,
    delivered_at BIGINT,
    started_at BIGINT,
    finished_at BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (deployment_id, device_id)
);
CREATE INDEX device_jobs_device ON device_jobs (device_id, state);
-- job_events: every job event a device sent, once (its sequence numbers them per device, like
-- reports); data is the event as the agent sent it (CBOR). devices.job_event_seq is the newest
-- stored.
CREATE TABLE job_events (
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    deployment_id TEXT NOT NULL,
    state TEXT NOT NULL,
    at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    data BLOB,
    PRIMARY KEY (device_id, seq)
);
ALTER TABLE devices ADD COLUMN job_event_seq BIGINT NOT NULL DEFAULT 0;
