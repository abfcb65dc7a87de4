-- name: care_team_recent_results
-- description: A clinician's care-team patients' lab results of the last 7 days (before the reference date), newest first. Only the policies narrow the rows to the care team.
-- threshold_ms: 50
-- role: medseed_app
-- draw: recent_results
-- note: The RLS policy check of the context (rls_policy_check: 50 ms).

-- @rls
SELECT id, org_id, patient_id, code, display, value_numeric, unit, status, occurred_at
FROM timeline_events
WHERE category = 'lab'
  AND occurred_at >= :since::timestamptz
  AND occurred_at < :until::timestamptz
ORDER BY occurred_at DESC, id;

-- @owner
SELECT id, org_id, patient_id, code, display, value_numeric, unit, status, occurred_at
FROM timeline_events
WHERE category = 'lab'
  AND occurred_at >= :since::timestamptz
  AND occurred_at < :until::timestamptz
  AND org_id = :org_id::uuid
  AND patient_id IN (
    SELECT patient_id FROM care_team_members
    WHERE provider_id = :provider_id::uuid AND org_id = :org_id::uuid AND period_end IS NULL)
ORDER BY occurred_at DESC, id;
