import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../src/config/resolve-run-config.js';
import { seedDatabase } from '../../src/load/seed-database.js';
import { generateFhirText } from '../support/generate-in-memory.js';
import { createTestDatabase } from '../support/test-database.js';

const input = { profile: 'ci', seed: '42', patients: 60 };

// The FHIR export and a database seeded with the same seed and profile hold the same records:
// one resource per row (two for providers), except that a blood-pressure reading's two rows are one
// Observation panel. Counted here in a real PostgreSQL.
describe('FHIR export against the seeded database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    database = await createTestDatabase('fhir_counts');
    await seedDatabase({ config: resolveRunConfig(input), workers: 0, batchSize: 50, reset: false, vacuum: false, indexConcurrency: 2, url: database.url });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('has as many resources of each type as the database has rows', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const count = async (sql: string) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`)).rows[0]!.n);
    const events = (...categories: string[]) => count(`public.timeline_events WHERE category IN (${categories.map((c) => `'${c}'`).join(', ')})`);
    const mergedDiastolic = await count(`public.timeline_events d
      WHERE d.category = 'vital' AND d.code_system = 'LOINC' AND d.code = '8462-4' AND EXISTS (
        SELECT 1 FROM public.timeline_events s
        WHERE s.category = 'vital' AND s.code_system = 'LOINC' AND s.code = '8480-6' AND s.patient_id = d.patient_id
          AND s.encounter_id IS NOT DISTINCT FROM d.encounter_id AND s.occurred_at = d.occurred_at
          AND s.recorded_by IS NOT DISTINCT FROM d.recorded_by)`);
    const expected = {
      Organization: await count('public.organizations'),
      Practitioner: await count('public.providers'),
      PractitionerRole: await count('public.providers'),
      Patient: await count('public.patients'),
      CareTeam: await count('public.care_team_members'),
      Encounter: await count('public.encounters'),
      // each diastolic row with a systolic row of the same patient, encounter, time and recorder is merged into its panel
      Observation: (await events('vital', 'lab')) - mergedDiastolic,
      Condition: await events('diagnosis'),
      MedicationRequest: await events('medication'),
      Procedure: await events('procedure'),
      Immunization: await events('immunization'),
      AllergyIntolerance: await events('allergy'),
      DocumentReference: await count('public.documents'),
      Task: await count('public.tasks'),
      AuditEvent: await count('public.audit_logs'),
    };
    await client.end();
    const { counts } = await generateFhirText(input, { workers: 2, batchSize: 17 });
    expect(counts).toEqual(expected);
    expect(expected.Observation).toBeGreaterThan(0);
    expect(mergedDiastolic).toBeGreaterThan(0);
  });
});
