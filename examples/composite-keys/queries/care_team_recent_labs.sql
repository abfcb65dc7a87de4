-- name: care_team_recent_labs
-- description: Lab results of the last 7 days (before the reference date) for all of a clinician's care-team patients, newest first; only the policy narrows them to the care team.
-- threshold_ms: 50
-- role: medseed_app
-- draw: recent_results
-- note: The RLS policy check budget (50 ms): the query names no patient, so the care-team array in the policy does all the narrowing.

-- @rls
SELECT o."tenantId", o."id", o."patientId", p."familyName", p."givenName", o."code", o."display", o."value", o."unit", o."observedAt"
FROM "Observation" o
JOIN "Patient" p ON p."tenantId" = o."tenantId" AND p."id" = o."patientId"
WHERE o."category" = 'lab'
  AND o."observedAt" >= :since::timestamptz
  AND o."observedAt" < :until::timestamptz
ORDER BY o."observedAt" DESC, o."id";

-- @owner
SELECT o."tenantId", o."id", o."patientId", p."familyName", p."givenName", o."code", o."display", o."value", o."unit", o."observedAt"
FROM "Observation" o
JOIN "Patient" p ON p."tenantId" = o."tenantId" AND p."id" = o."patientId"
WHERE o."category" = 'lab'
  AND o."observedAt" >= :since::timestamptz
  AND o."observedAt" < :until::timestamptz
  AND o."tenantId" = :org_id::uuid
  AND o."patientId" IN (
    SELECT "patientId" FROM "CareTeamMember"
    WHERE "tenantId" = :org_id::uuid AND "providerId" = :provider_id::uuid AND "periodEnd" IS NULL)
ORDER BY o."observedAt" DESC, o."id";
