-- name: patient_observations
-- description: A care-team patient's vitals and labs, newest first, one page of 50 (keyset paging on observedAt).
-- threshold_ms: 100
-- role: medseed_app
-- draw: timeline_page
-- note: The timeline budget (100 ms). The policy adds the tenant and the care-team array, both covered by the ("tenantId", "patientId", "observedAt") index.

-- @rls
SELECT "tenantId", "id", "patientId", "category", "code", "display", "value", "unit", "status", "observedAt"
FROM "Observation"
WHERE "patientId" = :patient_id::uuid
  AND "observedAt" < :before::timestamptz
ORDER BY "observedAt" DESC
LIMIT 50;

-- @owner
SELECT "tenantId", "id", "patientId", "category", "code", "display", "value", "unit", "status", "observedAt"
FROM "Observation"
WHERE "patientId" = :patient_id::uuid
  AND "observedAt" < :before::timestamptz
  AND "tenantId" = :org_id::uuid
  AND "patientId" IN (
    SELECT "patientId" FROM "CareTeamMember"
    WHERE "tenantId" = :org_id::uuid AND "providerId" = :provider_id::uuid AND "periodEnd" IS NULL)
ORDER BY "observedAt" DESC
LIMIT 50;
