-- name: patient_observations
-- description: A patient's vitals and labs, newest first, one page of 50 (keyset paging on observed_at), as the chart's flowsheet reads them.
-- threshold_ms: 100
-- role: medseed_app
-- draw: timeline_page
-- note: The timeline query budget (100 ms). The tenant claim is read once per query (an InitPlan), so the index on (patient_id, observed_at) serves both modes.

-- @rls
SELECT id, tenant_id, patient_id, category, loinc_code, display, value, value_text, unit, status, observed_at
FROM observations
WHERE patient_id = :patient_id::bigint
  AND observed_at < :before::timestamptz
ORDER BY observed_at DESC, id DESC
LIMIT 50;

-- @owner
SELECT id, tenant_id, patient_id, category, loinc_code, display, value, value_text, unit, status, observed_at
FROM observations
WHERE patient_id = :patient_id::bigint
  AND observed_at < :before::timestamptz
  AND tenant_id = :org_id::bigint
ORDER BY observed_at DESC, id DESC
LIMIT 50;
