-- name: clinician_open_tasks
-- description: A clinician's open and in-progress tasks, earliest due first (the inbox).
-- threshold_ms: 50
-- role: medseed_app
-- draw: open_tasks
-- note: Not in the context; held to its RLS policy check budget (50 ms), as the inbox is read on every page load.

-- @rls
SELECT id, org_id, patient_id, assignee_id, kind, title, status, priority, due_at
FROM tasks
WHERE assignee_id = :provider_id::uuid
  AND status IN ('open', 'in_progress')
ORDER BY due_at, id
LIMIT 100;

-- @owner
SELECT id, org_id, patient_id, assignee_id, kind, title, status, priority, due_at
FROM tasks
WHERE assignee_id = :provider_id::uuid
  AND status IN ('open', 'in_progress')
  AND org_id = :org_id::uuid
ORDER BY due_at, id
LIMIT 100;
