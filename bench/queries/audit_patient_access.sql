-- name: audit_patient_access
-- description: Audit, who accessed patient X in a 30-day period: each user with their number of accesses, first and last.
-- threshold_ms: 200
-- role: medseed_org_admin
-- draw: audit_patient
-- note: A compliance query, run by an organization administrator (clinicians read only their own trail). Not in the context; held to the 200 ms of an interactive search.

-- @rls
SELECT p.id AS actor_id, p.family_name, p.given_name, p.role,
       count(*) AS accesses, min(a.occurred_at) AS first_access, max(a.occurred_at) AS last_access
FROM audit_logs a
JOIN providers p ON p.id = a.actor_id
WHERE a.patient_id = :patient_id::uuid
  AND a.occurred_at >= :since::timestamptz
  AND a.occurred_at < :until::timestamptz
GROUP BY p.id, p.family_name, p.given_name, p.role
ORDER BY accesses DESC, p.id;

-- @owner
SELECT p.id AS actor_id, p.family_name, p.given_name, p.role,
       count(*) AS accesses, min(a.occurred_at) AS first_access, max(a.occurred_at) AS last_access
FROM audit_logs a
JOIN providers p ON p.id = a.actor_id AND p.org_id = :org_id::uuid
WHERE a.patient_id = :patient_id::uuid
  AND a.occurred_at >= :since::timestamptz
  AND a.occurred_at < :until::timestamptz
  AND a.org_id = :org_id::uuid
GROUP BY p.id, p.family_name, p.given_name, p.role
ORDER BY accesses DESC, p.id;
