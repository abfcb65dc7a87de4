-- name: record_vital_sign
-- description: A clinician records a heart rate for a care-team patient: an INSERT checked by the WITH CHECK policies, rolled back.
-- threshold_ms: 50
-- role: medseed_app
-- draw: new_vital
-- note: The write-side RLS policy check (rls_policy_check: 50 ms). gen_random_uuid() rather than a derived id, so concurrent iterations never wait on each other's uncommitted key.

-- @rls
INSERT INTO timeline_events
  (id, org_id, patient_id, category, code_system, code, display, value_numeric, unit, status, occurred_at, recorded_by, payload)
VALUES
  (gen_random_uuid(), :org_id::uuid, :patient_id::uuid, 'vital', 'LOINC', '8867-4', 'Heart rate', 72, '/min', 'final',
   :occurred_at::timestamptz, :provider_id::uuid, '{"method": "automated"}')
RETURNING id, org_id, patient_id;

-- @owner
INSERT INTO timeline_events
  (id, org_id, patient_id, category, code_system, code, display, value_numeric, unit, status, occurred_at, recorded_by, payload)
VALUES
  (gen_random_uuid(), :org_id::uuid, :patient_id::uuid, 'vital', 'LOINC', '8867-4', 'Heart rate', 72, '/min', 'final',
   :occurred_at::timestamptz, :provider_id::uuid, '{"method": "automated"}')
RETURNING id, org_id, patient_id;
