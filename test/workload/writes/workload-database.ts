import type pg from 'pg';
import { createRandom } from '../../../src/rng/random.js';
import type { WriteContext, WriteUser } from '../../../src/workload/writes/write-operation.js';
import { createSeededTestDatabase } from '../../support/seeded-test-database.js';

/** The tiny profile's reference date, when the drawn writes happen. */
export const OCCURRED_AT = '2025-06-30 09:00:00+00';

/**
 * A private database seeded with a small fixed profile: these tests commit writes, so they never
 * touch a database another test file reads.
 */
export function createSeededDatabase(label: string): ReturnType<typeof createSeededTestDatabase> {
  return createSeededTestDatabase(label, ['--profile', 'tiny', '--patients', '40', '--seed', '7']);
}

/** Who the tests write as, found in the seeded data (as superuser, which RLS does not bind). */
export interface Cast {
  /** A clinician and a patient of their current care team. */
  readonly clinician: WriteUser;
  readonly carePatient: string;
  /** A patient of the clinician's tenant whose care team the clinician is not on. */
  readonly otherCarePatient: string;
  /** A patient of another tenant. */
  readonly otherTenantPatient: string;
  /** A clinician with at least two open tasks. */
  readonly queueOwner: WriteUser;
  readonly openTasks: number;
}

export async function findCast(admin: pg.Client): Promise<Cast> {
  const member = await admin.query<{ provider_id: string; org_id: string; patient_id: string; other: string }>(
    `SELECT c.provider_id, c.org_id, c.patient_id,
            (SELECT p.id FROM patients p WHERE p.org_id = c.org_id AND p.id NOT IN (
               SELECT m.patient_id FROM care_team_members m WHERE m.provider_id = c.provider_id AND m.period_end IS NULL) ORDER BY p.id LIMIT 1) AS other
       FROM care_team_members c WHERE c.period_end IS NULL ORDER BY c.provider_id, c.patient_id`,
  );
  const row = member.rows.find((r) => r.other !== null);
  if (!row) throw new Error('seeded data has no clinician with a patient outside their care team');
  const foreign = await admin.query<{ id: string }>('SELECT id FROM patients WHERE org_id <> $1 ORDER BY id LIMIT 1', [row.org_id]);
  const queue = await admin.query<{ assignee_id: string; org_id: string; open: string }>(
    `SELECT assignee_id, org_id, count(*) AS open FROM tasks WHERE status = 'open' GROUP BY 1, 2 HAVING count(*) >= 2 ORDER BY count(*) DESC, assignee_id LIMIT 1`,
  );
  if (!foreign.rows[0] || !queue.rows[0]) throw new Error('seeded data has no second tenant or no clinician with two open tasks');
  return {
    clinician: { orgId: row.org_id, providerId: row.provider_id },
    carePatient: row.patient_id,
    otherCarePatient: row.other,
    otherTenantPatient: foreign.rows[0].id,
    queueOwner: { orgId: queue.rows[0].org_id, providerId: queue.rows[0].assignee_id },
    openTasks: Number(queue.rows[0].open),
  };
}

export function writeContext(runId: number, label = 'test'): WriteContext {
  return { runId, statementTimeoutMs: 30_000, random: createRandom(`workload-writes-test|${label}`) };
}

/** The journal rows of a run, oldest first. */
export async function journalOf(admin: pg.Client, runId: number) {
  const result = await admin.query<{ table_name: string; row_id: string; org_id: string; provider_id: string; patient_id: string | null; prior: Record<string, unknown> | null }>(
    'SELECT table_name, row_id, org_id, provider_id, patient_id, prior FROM medseed.workload_writes WHERE run_id = $1 ORDER BY id',
    [runId],
  );
  return result.rows;
}
