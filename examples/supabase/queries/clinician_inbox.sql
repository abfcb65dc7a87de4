-- name: clinician_inbox
-- description: A clinician's open tasks with their patient's name, earliest due first, as PostgREST serves tasks?select=*,patients(first_name,last_name).
-- threshold_ms: 50
-- role: medseed_app
-- draw: open_tasks
-- note: Read on every page load, so held to the RLS policy check budget (50 ms). Two tables' policies apply: tasks and the embedded patients.

-- @rls
SELECT t.id, t.tenant_id, t.patient_id, t.assigned_to, t.kind, t.title, t.status, t.priority, t.due_at,
       p.first_name, p.last_name
FROM tasks t
LEFT JOIN patients p ON p.id = t.patient_id
WHERE t.assigned_to = :provider_id::bigint
  AND t.status IN ('todo', 'doing')
ORDER BY t.due_at, t.id
LIMIT 100;

-- @owner
SELECT t.id, t.tenant_id, t.patient_id, t.assigned_to, t.kind, t.title, t.status, t.priority, t.due_at,
       p.first_name, p.last_name
FROM tasks t
LEFT JOIN patients p ON p.id = t.patient_id AND p.tenant_id = :org_id::bigint
WHERE t.assigned_to = :provider_id::bigint
  AND t.status IN ('todo', 'doing')
  AND t.tenant_id = :org_id::bigint
ORDER BY t.due_at, t.id
LIMIT 100;
