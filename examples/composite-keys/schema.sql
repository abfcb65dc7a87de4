-- A multi-tenant EHR keyed the way Citus and many SaaS schemas are: every table's primary key is
-- ("tenantId", "id"), and every foreign key carries the tenant, so a row can only ever point at a
-- row of its own tenant. Column names are camelCase (quoted), as an ORM that keeps the model's
-- field names writes them. "featureFlags" belongs to the app, not to the data: no mapping names it.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ehr_clinician') THEN
    CREATE ROLE ehr_clinician NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;

CREATE TABLE "Tenant" (
  "id" uuid PRIMARY KEY,
  "name" text NOT NULL,
  "slug" text NOT NULL UNIQUE,
  "createdAt" timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE "Provider" (
  "tenantId" uuid NOT NULL REFERENCES "Tenant" ("id"),
  "id" uuid NOT NULL,
  "givenName" text NOT NULL,
  "familyName" text NOT NULL,
  "email" text NOT NULL,
  "npi" text NOT NULL,
  "role" text NOT NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("tenantId", "id")
);

CREATE TABLE "Patient" (
  "tenantId" uuid NOT NULL REFERENCES "Tenant" ("id"),
  "id" uuid NOT NULL,
  "mrn" text NOT NULL,
  "givenName" text NOT NULL,
  "familyName" text NOT NULL,
  "birthDate" date NOT NULL,
  "sex" text NOT NULL CHECK ("sex" IN ('female', 'male', 'other', 'unknown')),
  "phone" text,
  "email" text,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("tenantId", "id"),
  UNIQUE ("tenantId", "mrn")
);

CREATE TABLE "CareTeamMember" (
  "tenantId" uuid NOT NULL,
  "id" uuid NOT NULL,
  "patientId" uuid NOT NULL,
  "providerId" uuid NOT NULL,
  "role" text NOT NULL,
  "periodStart" timestamptz NOT NULL,
  "periodEnd" timestamptz,
  PRIMARY KEY ("tenantId", "id"),
  FOREIGN KEY ("tenantId", "patientId") REFERENCES "Patient" ("tenantId", "id"),
  FOREIGN KEY ("tenantId", "providerId") REFERENCES "Provider" ("tenantId", "id")
);

CREATE TABLE "Encounter" (
  "tenantId" uuid NOT NULL,
  "id" uuid NOT NULL,
  "patientId" uuid NOT NULL,
  "providerId" uuid NOT NULL,
  "class" text NOT NULL CHECK ("class" IN ('ambulatory', 'emergency', 'inpatient', 'virtual')),
  "status" text NOT NULL CHECK ("status" IN ('planned', 'in_progress', 'finished', 'cancelled')),
  "reasonCode" text,
  "startedAt" timestamptz NOT NULL,
  "endedAt" timestamptz,
  PRIMARY KEY ("tenantId", "id"),
  FOREIGN KEY ("tenantId", "patientId") REFERENCES "Patient" ("tenantId", "id"),
  FOREIGN KEY ("tenantId", "providerId") REFERENCES "Provider" ("tenantId", "id")
);

CREATE TABLE "Observation" (
  "tenantId" uuid NOT NULL,
  "id" uuid NOT NULL,
  "patientId" uuid NOT NULL,
  "encounterId" uuid,
  "category" text NOT NULL CHECK ("category" IN ('vital', 'lab')),
  "code" text NOT NULL,
  "display" text NOT NULL,
  "value" numeric,
  "unit" text,
  "status" text NOT NULL,
  "observedAt" timestamptz NOT NULL,
  "recordedById" uuid,
  PRIMARY KEY ("tenantId", "id"),
  FOREIGN KEY ("tenantId", "patientId") REFERENCES "Patient" ("tenantId", "id"),
  -- MATCH SIMPLE (the default): an observation outside any encounter has a NULL "encounterId"
  FOREIGN KEY ("tenantId", "encounterId") REFERENCES "Encounter" ("tenantId", "id"),
  FOREIGN KEY ("tenantId", "recordedById") REFERENCES "Provider" ("tenantId", "id")
);

CREATE TABLE "Note" (
  "tenantId" uuid NOT NULL,
  "id" uuid NOT NULL,
  "patientId" uuid NOT NULL,
  "encounterId" uuid,
  "authorId" uuid NOT NULL,
  "typeCode" text NOT NULL,
  "title" text NOT NULL,
  "body" text NOT NULL,
  "status" text NOT NULL CHECK ("status" IN ('preliminary', 'final', 'amended')),
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("tenantId", "id"),
  FOREIGN KEY ("tenantId", "patientId") REFERENCES "Patient" ("tenantId", "id"),
  FOREIGN KEY ("tenantId", "encounterId") REFERENCES "Encounter" ("tenantId", "id"),
  FOREIGN KEY ("tenantId", "authorId") REFERENCES "Provider" ("tenantId", "id")
);

-- The app's own configuration: not clinical data, never seeded, never truncated.
CREATE TABLE "featureFlags" (
  "key" text PRIMARY KEY,
  "enabled" boolean NOT NULL,
  "description" text NOT NULL,
  "updatedAt" timestamptz NOT NULL DEFAULT now()
);
INSERT INTO "featureFlags" ("key", "enabled", "description")
VALUES ('observationFlowsheet', true, 'Show vitals and labs as a flowsheet on the patient chart');

CREATE INDEX "CareTeamMember_current_idx" ON "CareTeamMember" ("tenantId", "providerId") WHERE "periodEnd" IS NULL;
CREATE INDEX "Encounter_patient_idx" ON "Encounter" ("tenantId", "patientId", "startedAt" DESC);
CREATE INDEX "Observation_patient_idx" ON "Observation" ("tenantId", "patientId", "observedAt" DESC);
CREATE INDEX "Note_patient_idx" ON "Note" ("tenantId", "patientId", "createdAt" DESC);

-- Session context, set per transaction with set_config(..., true). Unset or reset settings read as
-- NULL (or ''), which match no row: fail closed, no error.
CREATE FUNCTION ehr_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('ehr.tenant_id', true), '')::uuid $$;

CREATE FUNCTION ehr_provider_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('ehr.provider_id', true), '')::uuid $$;

-- The clinician's current care-team patients as one array: policies compare with
-- = ANY ((SELECT ...)::uuid[]) (the cast makes it an array, not a subquery), computed once per
-- query and usable as an index condition.
CREATE FUNCTION ehr_my_patient_ids() RETURNS uuid[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg("patientId"), '{}')
    FROM "CareTeamMember"
    WHERE "tenantId" = ehr_tenant_id() AND "providerId" = ehr_provider_id() AND "periodEnd" IS NULL
  $$;

ALTER TABLE "Tenant" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Tenant" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ownTenant" ON "Tenant" TO ehr_clinician USING ("id" = (SELECT ehr_tenant_id()));

ALTER TABLE "Provider" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Provider" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ownTenant" ON "Provider" TO ehr_clinician USING ("tenantId" = (SELECT ehr_tenant_id()));

ALTER TABLE "CareTeamMember" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CareTeamMember" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ownMemberships" ON "CareTeamMember" TO ehr_clinician
  USING ("tenantId" = (SELECT ehr_tenant_id()) AND "providerId" = (SELECT ehr_provider_id()));

ALTER TABLE "Patient" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Patient" FORCE ROW LEVEL SECURITY;
CREATE POLICY "careTeam" ON "Patient" TO ehr_clinician
  USING ("tenantId" = (SELECT ehr_tenant_id()) AND "id" = ANY ((SELECT ehr_my_patient_ids())::uuid[]));

ALTER TABLE "Encounter" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Encounter" FORCE ROW LEVEL SECURITY;
CREATE POLICY "careTeam" ON "Encounter" TO ehr_clinician
  USING ("tenantId" = (SELECT ehr_tenant_id()) AND "patientId" = ANY ((SELECT ehr_my_patient_ids())::uuid[]));

ALTER TABLE "Observation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Observation" FORCE ROW LEVEL SECURITY;
CREATE POLICY "careTeam" ON "Observation" TO ehr_clinician
  USING ("tenantId" = (SELECT ehr_tenant_id()) AND "patientId" = ANY ((SELECT ehr_my_patient_ids())::uuid[]));

ALTER TABLE "Note" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Note" FORCE ROW LEVEL SECURITY;
CREATE POLICY "careTeam" ON "Note" TO ehr_clinician
  USING ("tenantId" = (SELECT ehr_tenant_id()) AND "patientId" = ANY ((SELECT ehr_my_patient_ids())::uuid[]));

GRANT USAGE ON SCHEMA public TO ehr_clinician;
GRANT EXECUTE ON FUNCTION ehr_tenant_id(), ehr_provider_id(), ehr_my_patient_ids() TO ehr_clinician;
GRANT SELECT ON "Tenant", "Provider", "CareTeamMember", "featureFlags" TO ehr_clinician;
GRANT SELECT, INSERT, UPDATE ON "Patient", "Encounter", "Observation", "Note" TO ehr_clinician;
