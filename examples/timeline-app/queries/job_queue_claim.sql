-- name: job_queue_claim
-- description: A worker claims the organization's next 10 queued jobs (lowest priority number, then earliest run_at) with FOR UPDATE SKIP LOCKED and marks them running, rolled back.
-- threshold_ms: 10000
-- role: medseed_app
-- draw: open_tasks
-- note: The app's job_processing threshold (10 s). The worker runs in the tenant's session like any request; the drawn clinician only chooses a tenant with open work.

-- @rls
UPDATE job_queue
SET status = 'running', attempts = attempts + 1, locked_at = now() AT TIME ZONE 'UTC', locked_by = 'worker-1',
    updated_at = now() AT TIME ZONE 'UTC'
WHERE id IN (
  SELECT id FROM job_queue
  WHERE status = 'queued'
  ORDER BY priority, run_at, id
  LIMIT 10
  FOR UPDATE SKIP LOCKED)
RETURNING id, organization_id, patient_id, assigned_to_id, job_type, priority, run_at;

-- @owner
UPDATE job_queue
SET status = 'running', attempts = attempts + 1, locked_at = now() AT TIME ZONE 'UTC', locked_by = 'worker-1',
    updated_at = now() AT TIME ZONE 'UTC'
WHERE id IN (
  SELECT id FROM job_queue
  WHERE status = 'queued' AND organization_id = :org_id::uuid
  ORDER BY priority, run_at, id
  LIMIT 10
  FOR UPDATE SKIP LOCKED)
  AND organization_id = :org_id::uuid
RETURNING id, organization_id, patient_id, assigned_to_id, job_type, priority, run_at;
