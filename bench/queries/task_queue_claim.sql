-- name: task_queue_claim
-- description: A worker claims the next 5 open tasks of a clinician's queue with FOR UPDATE SKIP LOCKED and marks them in progress, rolled back.
-- threshold_ms: 10000
-- role: medseed_app
-- draw: open_tasks
-- note: The schema has no job queue table; tasks (status open, assignee, due_at) stands in for one. Threshold is the context's job-processing budget (job_processing: 10 s).

-- @rls
UPDATE tasks SET status = 'in_progress'
WHERE id IN (
  SELECT id FROM tasks
  WHERE assignee_id = :provider_id::uuid AND status = 'open'
  ORDER BY due_at, id
  LIMIT 5
  FOR UPDATE SKIP LOCKED)
RETURNING id, org_id, patient_id, assignee_id, due_at;

-- @owner
UPDATE tasks SET status = 'in_progress'
WHERE id IN (
  SELECT id FROM tasks
  WHERE assignee_id = :provider_id::uuid AND status = 'open' AND org_id = :org_id::uuid
  ORDER BY due_at, id
  LIMIT 5
  FOR UPDATE SKIP LOCKED)
  AND org_id = :org_id::uuid
RETURNING id, org_id, patient_id, assignee_id, due_at;
