-- name: tenant_activity_largest
-- description: Tenant dashboard on the largest tenant (org index 0): encounters, patients, lab results and vitals of the last 90 days by encounter class.
-- threshold_ms: 500
-- role: medseed_org_admin
-- draw: largest_tenant
-- note: Same SQL as tenant_activity_small: tenant skew changes plans, and under RLS the planner cannot see which tenant it plans for. Not in the context; held to 500 ms for an interactive dashboard.

-- @rls
SELECT e.class,
       count(DISTINCT e.id) AS encounters,
       count(DISTINCT e.patient_id) AS patients,
       count(t.id) FILTER (WHERE t.category = 'lab') AS lab_results,
       count(t.id) FILTER (WHERE t.category = 'vital') AS vitals
FROM encounters e
LEFT JOIN timeline_events t ON t.encounter_id = e.id
WHERE e.started_at >= :since::timestamptz
  AND e.started_at < :until::timestamptz
GROUP BY e.class
ORDER BY e.class;

-- @owner
SELECT e.class,
       count(DISTINCT e.id) AS encounters,
       count(DISTINCT e.patient_id) AS patients,
       count(t.id) FILTER (WHERE t.category = 'lab') AS lab_results,
       count(t.id) FILTER (WHERE t.category = 'vital') AS vitals
FROM encounters e
LEFT JOIN timeline_events t ON t.encounter_id = e.id AND t.org_id = :org_id::uuid
WHERE e.started_at >= :since::timestamptz
  AND e.started_at < :until::timestamptz
  AND e.org_id = :org_id::uuid
GROUP BY e.class
ORDER BY e.class;
