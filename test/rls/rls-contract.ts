import pg from 'pg';
import { expect } from 'vitest';

// The tables that carry org_id and are protected by row-level security.
export const CLINICAL_TABLES = [
  'providers',
  'patients',
  'care_team_members',
  'encounters',
  'timeline_events',
  'documents',
  'tasks',
  'audit_logs',
] as const;
// Tables whose rows belong to one patient, through this column.
const PATIENT_COLUMN = {
  patients: 'id',
  encounters: 'patient_id',
  timeline_events: 'patient_id',
  documents: 'patient_id',
} as const;

type Role = 'medseed_app' | 'medseed_org_admin' | 'medseed_owner';

/** Runs fn inside a transaction as `role`, with the app settings set transaction-locally, as a pooled app would. */
export async function asRole<T>(
  client: pg.Client,
  role: Role,
  settings: { orgId?: string; providerId?: string },
  fn: () => Promise<T>,
): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL ROLE ${role}`);
    if (settings.orgId) await client.query("SELECT set_config('app.org_id', $1, true)", [settings.orgId]);
    if (settings.providerId) await client.query("SELECT set_config('app.provider_id', $1, true)", [settings.providerId]);
    return await fn();
  } finally {
    await client.query('ROLLBACK');
  }
}

async function count(client: pg.Client, sql: string, values: unknown[] = []): Promise<number> {
  const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) q`, values);
  return Number(result.rows[0]?.n ?? 0);
}

interface Subject {
  orgA: string;
  orgB: string;
  clinician: string;
  carePatients: string[];
}

/** Picks two organizations and a clinician of the first with a non-empty care team, using the superuser. */
async function pickSubject(admin: pg.Client): Promise<Subject> {
  const orgs = await admin.query<{ org_id: string }>(
    `SELECT org_id FROM patients GROUP BY org_id ORDER BY count(*) DESC, org_id LIMIT 2`,
  );
  expect(orgs.rows.length, 'the database needs patients in two organizations').toBe(2);
  const [orgA, orgB] = orgs.rows.map((row) => row.org_id) as [string, string];
  const clinician = await admin.query<{ provider_id: string }>(
    `SELECT provider_id FROM care_team_members WHERE org_id = $1 AND period_end IS NULL
     GROUP BY provider_id ORDER BY count(*) DESC, provider_id LIMIT 1`,
    [orgA],
  );
  const providerId = clinician.rows[0]?.provider_id;
  expect(providerId, 'org A needs a clinician on a care team').toBeDefined();
  const patients = await admin.query<{ patient_id: string }>(
    `SELECT DISTINCT patient_id FROM care_team_members WHERE provider_id = $1 AND period_end IS NULL`,
    [providerId],
  );
  return { orgA, orgB, clinician: providerId as string, carePatients: patients.rows.map((row) => row.patient_id) };
}

/**
 * The RLS guarantees every medseed database must keep, checked against whatever data it holds.
 * `admin` must be a superuser connection (it bypasses RLS and computes the expected answers).
 */
export async function checkRlsContract(admin: pg.Client, session: pg.Client): Promise<void> {
  const subject = await pickSubject(admin);
  const { orgA, orgB, clinician, carePatients } = subject;

  // Fail closed: no tenant set means no rows, for every role, without an error.
  for (const role of ['medseed_app', 'medseed_org_admin', 'medseed_owner'] as const) {
    await asRole(session, role, {}, async () => {
      for (const table of [...CLINICAL_TABLES, 'organizations']) {
        expect(await count(session, `SELECT 1 FROM ${table}`), `${role} without app.org_id on ${table}`).toBe(0);
      }
    });
  }
  // An empty setting (what a pooled connection shows after a transaction-local set) also fails closed.
  await asRole(session, 'medseed_org_admin', {}, async () => {
    await session.query("SELECT set_config('app.org_id', '', true)");
    expect(await count(session, 'SELECT 1 FROM patients')).toBe(0);
  });

  // Org admin of A: every row of A, none of B.
  await asRole(session, 'medseed_org_admin', { orgId: orgA }, async () => {
    for (const table of CLINICAL_TABLES) {
      const expected = await count(admin, `SELECT 1 FROM ${table} WHERE org_id = $1`, [orgA]);
      expect(await count(session, `SELECT 1 FROM ${table}`), `org admin sees all of ${table} in org A`).toBe(expected);
      expect(await count(session, `SELECT 1 FROM ${table} WHERE org_id = $1`, [orgB]), `org admin sees org B ${table}`).toBe(0);
    }
  });

  // The owner is bound too, because of FORCE ROW LEVEL SECURITY.
  await asRole(session, 'medseed_owner', { orgId: orgB }, async () => {
    expect(await count(session, 'SELECT 1 FROM patients WHERE org_id = $1', [orgA])).toBe(0);
  });

  // A clinician of A: nothing of B, and only the patients of their care team.
  await asRole(session, 'medseed_app', { orgId: orgA, providerId: clinician }, async () => {
    for (const table of CLINICAL_TABLES) {
      expect(await count(session, `SELECT 1 FROM ${table} WHERE org_id <> $1`, [orgA]), `clinician sees other orgs' ${table}`).toBe(0);
    }
    for (const [table, column] of Object.entries(PATIENT_COLUMN)) {
      const rows = await session.query<{ p: string | null }>(`SELECT DISTINCT ${column} AS p FROM ${table}`);
      const seen = rows.rows.map((row) => row.p).filter((p): p is string => p !== null);
      for (const patient of seen) expect(carePatients, `clinician sees ${table} of a patient outside the care team`).toContain(patient);
    }
    const visiblePatients = await count(session, 'SELECT 1 FROM patients');
    expect(visiblePatients).toBe(carePatients.length);
    const expectedEvents = await count(admin, 'SELECT 1 FROM timeline_events WHERE patient_id = ANY($1::uuid[])', [carePatients]);
    expect(await count(session, 'SELECT 1 FROM timeline_events')).toBe(expectedEvents);
    const expectedDocuments = await count(admin, 'SELECT 1 FROM documents WHERE patient_id = ANY($1::uuid[])', [carePatients]);
    expect(await count(session, 'SELECT 1 FROM documents')).toBe(expectedDocuments);
    const expectedTasks = await count(
      admin,
      'SELECT 1 FROM tasks WHERE org_id = $1 AND (patient_id = ANY($2::uuid[]) OR assignee_id = $3)',
      [orgA, carePatients, clinician],
    );
    expect(await count(session, 'SELECT 1 FROM tasks')).toBe(expectedTasks);
    // A task is visible when its patient is on the care team or it is assigned to the clinician.
    const tasks = await session.query<{ patient_id: string | null; assignee_id: string }>('SELECT patient_id, assignee_id FROM tasks');
    for (const task of tasks.rows) {
      expect(task.assignee_id === clinician || (task.patient_id !== null && carePatients.includes(task.patient_id)), 'clinician sees a task that is neither theirs nor of their patients').toBe(true);
    }
  });

  // The same clinician claiming org B's tenant sees nothing: their care team lives in org A.
  await asRole(session, 'medseed_app', { orgId: orgB, providerId: clinician }, async () => {
    expect(await count(session, 'SELECT 1 FROM timeline_events')).toBe(0);
    expect(await count(session, 'SELECT 1 FROM patients')).toBe(0);
  });

  // WITH CHECK: a clinician cannot write a row into another tenant.
  const patientOfB = await admin.query<{ id: string }>('SELECT id FROM patients WHERE org_id = $1 LIMIT 1', [orgB]);
  await expect(
    asRole(session, 'medseed_app', { orgId: orgA, providerId: clinician }, () =>
      session.query(
        `INSERT INTO timeline_events (id, org_id, patient_id, category, code_system, code, display, status, occurred_at, payload)
         VALUES (gen_random_uuid(), $1, $2, 'vital', 'LOINC', '8867-4', 'Heart rate', 'final', now(), '{}')`,
        [orgB, patientOfB.rows[0]?.id],
      ),
    ),
  ).rejects.toThrow(/row-level security/);
}
