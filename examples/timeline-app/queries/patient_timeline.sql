-- name: patient_timeline
-- description: A patient's healthcare_timeline_events, newest first, one page of 50 (keyset paging on occurred_at), as the timeline screen loads them.
-- threshold_ms: 100
-- role: medseed_app
-- draw: timeline_page
-- note: The app's timeline_query threshold (100 ms). Half the pages are the first page, half a deeper cursor; occurred_at is a TIMESTAMP(3) holding UTC, so the cursor is read in UTC.

-- @rls
SELECT id, organization_id, patient_id, event_type, title, code, payload, occurred_at
FROM healthcare_timeline_events
WHERE patient_id = :patient_id::uuid
  AND occurred_at < :before::timestamptz AT TIME ZONE 'UTC'
ORDER BY occurred_at DESC, id DESC
LIMIT 50;

-- @owner
SELECT id, organization_id, patient_id, event_type, title, code, payload, occurred_at
FROM healthcare_timeline_events
WHERE patient_id = :patient_id::uuid
  AND occurred_at < :before::timestamptz AT TIME ZONE 'UTC'
  AND organization_id = :org_id::uuid
ORDER BY occurred_at DESC, id DESC
LIMIT 50;
