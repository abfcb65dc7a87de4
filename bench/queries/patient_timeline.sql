-- name: patient_timeline
-- description: A patient's timeline, newest first, one page of 50 (keyset paging on occurred_at).
-- threshold_ms: 100
-- role: medseed_app
-- draw: timeline_page
-- note: Threshold from the context (timeline_query: 100 ms). Half the pages are the first page, half a deeper page.

-- @rls
SELECT id, org_id, patient_id, category, code, display, value_numeric, value_text, unit, status, occurred_at
FROM timeline_events
WHERE patient_id = :patient_id::uuid
  AND occurred_at < :before::timestamptz
ORDER BY occurred_at DESC
LIMIT 50;

-- @owner
SELECT id, org_id, patient_id, category, code, display, value_numeric, value_text, unit, status, occurred_at
FROM timeline_events
WHERE patient_id = :patient_id::uuid
  AND occurred_at < :before::timestamptz
  AND org_id = :org_id::uuid
  AND patient_id IN (
    SELECT patient_id FROM care_team_members
    WHERE provider_id = :provider_id::uuid AND org_id = :org_id::uuid AND period_end IS NULL)
ORDER BY occurred_at DESC
LIMIT 50;
