-- name: audit_user_activity
-- description: Audit, what did user Y touch in a 30-day period, newest first.
-- threshold_ms: 200
-- role: medseed_org_admin
-- draw: audit_actor
-- note: A compliance query, run by an organization administrator. Not in the context; held to the 200 ms of an interactive search.

-- @rls
SELECT id, org_id, patient_id, action, resource_type, resource_id, outcome, occurred_at
FROM audit_logs
WHERE actor_id = :actor_id::uuid
  AND occurred_at >= :since::timestamptz
  AND occurred_at < :until::timestamptz
ORDER BY occurred_at DESC, id
LIMIT 500;

-- @owner
SELECT id, org_id, patient_id, action, resource_type, resource_id, outcome, occurred_at
FROM audit_logs
WHERE actor_id = :actor_id::uuid
  AND occurred_at >= :since::timestamptz
  AND occurred_at < :until::timestamptz
  AND org_id = :org_id::uuid
ORDER BY occurred_at DESC, id
LIMIT 500;
