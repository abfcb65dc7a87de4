-- name: record_vital_sign
-- description: A clinician records a heart rate for a care-team patient: an INSERT checked by the policy and by the composite foreign keys to "Patient" and "Provider", rolled back.
-- threshold_ms: 50
-- role: medseed_app
-- draw: new_vital
-- note: The write-side policy check (50 ms). gen_random_uuid() rather than a derived id, so concurrent iterations never wait on each other's uncommitted key.

-- @rls
INSERT INTO "Observation"
  ("tenantId", "id", "patientId", "category", "code", "display", "value", "unit", "status", "observedAt", "recordedById")
VALUES
  (:org_id::uuid, gen_random_uuid(), :patient_id::uuid, 'vital', '8867-4', 'Heart rate', 72, '/min', 'final',
   :occurred_at::timestamptz, :provider_id::uuid)
RETURNING "tenantId", "id", "patientId";

-- @owner
INSERT INTO "Observation"
  ("tenantId", "id", "patientId", "category", "code", "display", "value", "unit", "status", "observedAt", "recordedById")
VALUES
  (:org_id::uuid, gen_random_uuid(), :patient_id::uuid, 'vital', '8867-4', 'Heart rate', 72, '/min', 'final',
   :occurred_at::timestamptz, :provider_id::uuid)
RETURNING "tenantId", "id", "patientId";
