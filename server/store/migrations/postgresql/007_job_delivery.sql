-- Job delivery (docs/jobs.md, "Delivery" and "Rollout"): when the server released each device
-- job to its device (a rollout holds jobs back: pilot first, concurrency, rate), what a person
-- reads about a device job's reason, and the deployment's rollout options (JSON text, server-side
-- scheduling only: they can hold jobs back but never make an agent run anything).
ALTER TABLE device_jobs ADD COLUMN released_at BIGINT;
ALTER TABLE device_jobs ADD COLUMN message TEXT;
ALTER TABLE deployments ADD COLUMN rollout TEXT;
-- Deployments stored before this had no rollout: their device jobs were released when created.
UPDATE device_jobs SET released_at = (SELECT d.created_at FROM deployments d WHERE d.id = device_jobs.deployment_id);
-- certificates.pem: the certificate as issued, so that a device's signed job receipt can be checked
-- against it (and it against the site CA) by the console and stewardctl.
ALTER TABLE certificates ADD COLUMN pem TEXT;
CREATE INDEX device_jobs_pending ON device_jobs (device_id, state, released_at);
