import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkloadRunClosedError } from '../../../src/workload/journal/journal-written-rows.js';
import { undoWorkloadWrites } from '../../../src/workload/journal/undo-workload-writes.js';
import { beginWorkloadRun, finishWorkloadRun } from '../../../src/workload/journal/workload-run-record.js';
import { auditAppended } from '../../../src/workload/writes/audit-appended.js';
import { noteSaved } from '../../../src/workload/writes/note-saved.js';
import { taskClaimed } from '../../../src/workload/writes/task-claimed.js';
import { taskCompleted } from '../../../src/workload/writes/task-completed.js';
import { vitalSignRecorded } from '../../../src/workload/writes/vital-sign-recorded.js';
import { WRITE_OPERATIONS } from '../../../src/workload/writes/write-operations.js';
import { DRAW_KINDS } from '../../../src/bench/params/draw-kinds.js';
import { createSeededDatabase, findCast, journalOf, OCCURRED_AT, writeContext, type Cast } from './workload-database.js';

describe('write operations commit under RLS and journal in the same transaction', () => {
  let database: Awaited<ReturnType<typeof createSeededDatabase>>;
  let admin: pg.Client;
  let user: pg.Client;
  let other: pg.Client;
  let cast: Cast;
  let runId: number;

  beforeAll(async () => {
    database = await createSeededDatabase('workload_writes');
    admin = new pg.Client({ connectionString: database.url });
    user = new pg.Client({ connectionString: database.url });
    other = new pg.Client({ connectionString: database.url });
    await Promise.all([admin.connect(), user.connect(), other.connect()]);
    cast = await findCast(admin);
    runId = await beginWorkloadRun(admin, { test: 'write-operations' });
  });
  afterAll(async () => {
    await Promise.all([admin?.end(), user?.end(), other?.end()]);
    await database?.drop();
  });

  it('names every operation once, with a draw kind bench knows and a p95 budget', () => {
    expect(WRITE_OPERATIONS.map((op) => op.name)).toEqual(['vital_sign_recorded', 'note_saved', 'task_claimed', 'task_completed', 'audit_appended']);
    for (const op of WRITE_OPERATIONS) {
      expect(DRAW_KINDS).toContain(op.drawKind);
      expect(op.defaultP95Ms).toBeGreaterThan(0);
      expect(op.description.length).toBeGreaterThan(20);
    }
  });

  it('vital_sign_recorded, note_saved and audit_appended land in the user\'s tenant and in the journal', async () => {
    const params = { patient_id: cast.carePatient, occurred_at: OCCURRED_AT };
    const ctx = writeContext(runId, 'inserts');
    for (const op of [vitalSignRecorded, noteSaved, auditAppended]) {
      const before = (await journalOf(admin, runId)).length;
      const result = await op.run(user, cast.clinician, params, ctx);
      expect(result.rows, op.name).toBe(1);
      expect(result.written[0]).toMatchObject({ orgId: cast.clinician.orgId, patientId: cast.carePatient });
      const stored = await admin.query(`SELECT org_id, patient_id FROM ${result.table} WHERE id = $1`, [result.written[0]!.rowId]);
      expect(stored.rows, op.name).toEqual([{ org_id: cast.clinician.orgId, patient_id: cast.carePatient }]);
      const journal = (await journalOf(admin, runId)).slice(before);
      expect(journal, op.name).toEqual([
        { table_name: result.table, row_id: result.written[0]!.rowId, org_id: cast.clinician.orgId, provider_id: cast.clinician.providerId, patient_id: cast.carePatient, prior: null },
      ]);
    }
  });

  it('note_saved gets the search vector the schema promises (the trigger of migration 0006)', async () => {
    const result = await noteSaved.run(user, cast.clinician, { patient_id: cast.carePatient, occurred_at: OCCURRED_AT }, writeContext(runId, 'note'));
    const check = await admin.query<{ equal: boolean; words: number }>(
      `SELECT search_vector = to_tsvector('english', title || ' ' || body) AS equal, length(search_vector) AS words FROM documents WHERE id = $1`,
      [result.written[0]!.rowId],
    );
    expect(check.rows[0]).toMatchObject({ equal: true });
    expect(check.rows[0]!.words).toBeGreaterThan(3);
  });

  it('refuses a patient of another tenant or off the care team with RLS (42501), leaving no row and no journal entry', async () => {
    const journalBefore = (await journalOf(admin, runId)).length;
    const rowsBefore = await admin.query<{ n: string }>('SELECT (SELECT count(*) FROM timeline_events) + (SELECT count(*) FROM documents) AS n');
    for (const patient of [cast.otherTenantPatient, cast.otherCarePatient]) {
      for (const op of [vitalSignRecorded, noteSaved]) {
        await expect(op.run(user, cast.clinician, { patient_id: patient, occurred_at: OCCURRED_AT }, writeContext(runId)), `${op.name} ${patient}`).rejects.toMatchObject({ code: '42501' });
      }
      // an audit entry is for a chart the clinician could open: none opened, none logged
      expect((await auditAppended.run(user, cast.clinician, { patient_id: patient, occurred_at: OCCURRED_AT }, writeContext(runId))).rows).toBe(0);
    }
    // the connection is usable again: the failed transaction was rolled back
    expect((await vitalSignRecorded.run(user, cast.clinician, { patient_id: cast.carePatient, occurred_at: OCCURRED_AT }, writeContext(runId))).rows).toBe(1);
    const rowsAfter = await admin.query<{ n: string }>('SELECT (SELECT count(*) FROM timeline_events) + (SELECT count(*) FROM documents) AS n');
    expect(Number(rowsAfter.rows[0]!.n)).toBe(Number(rowsBefore.rows[0]!.n) + 1);
    expect((await journalOf(admin, runId)).length).toBe(journalBefore + 1);
  });

  it('refuses a user who claims another tenant: the session decides the tenant, not the drawn values', async () => {
    const intruder = { orgId: cast.clinician.orgId, providerId: cast.clinician.providerId };
    const foreignOrg = (await admin.query<{ org_id: string }>('SELECT org_id FROM patients WHERE id = $1', [cast.otherTenantPatient])).rows[0]!.org_id;
    await expect(
      vitalSignRecorded.run(user, { ...intruder, orgId: foreignOrg }, { patient_id: cast.carePatient, occurred_at: OCCURRED_AT }, writeContext(runId)),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('the journal stays closed to the application roles: only the connecting owner writes it', async () => {
    for (const role of ['medseed_app', 'medseed_org_admin']) {
      for (const sql of ['SELECT count(*) FROM medseed.workload_writes', 'SELECT count(*) FROM medseed.workload_runs', `DELETE FROM medseed.workload_writes`]) {
        await user.query('BEGIN');
        try {
          await user.query(`SET LOCAL ROLE ${role}`);
          await expect(user.query(sql), `${role}: ${sql}`).rejects.toMatchObject({ code: '42501' });
        } finally {
          await user.query('ROLLBACK');
        }
      }
    }
  });

  it('task_claimed never hands two connections the same task (SKIP LOCKED), and journals the row before', async () => {
    // another session holds the first task of the queue: the claim must take the next one
    await other.query('BEGIN');
    const held = await other.query<{ id: string }>(
      `SELECT id FROM tasks WHERE assignee_id = $1 AND status = 'open' ORDER BY due_at, id LIMIT 1 FOR UPDATE`,
      [cast.queueOwner.providerId],
    );
    const claimed = await taskClaimed.run(user, cast.queueOwner, {}, writeContext(runId));
    await other.query('ROLLBACK');
    expect(claimed.rows).toBe(1);
    expect(claimed.written[0]!.rowId).not.toBe(held.rows[0]!.id);
    const journal = (await journalOf(admin, runId)).at(-1)!;
    expect(journal).toMatchObject({ table_name: 'tasks', row_id: claimed.written[0]!.rowId });
    expect(journal.prior).toMatchObject({ id: claimed.written[0]!.rowId, status: 'open', assignee_id: cast.queueOwner.providerId });

    // two users drain the rest of the queue at once: every task claimed exactly once, then 0 rows
    const drain = async (client: pg.Client) => {
      const ids: string[] = [];
      for (;;) {
        const result = await taskClaimed.run(client, cast.queueOwner, {}, writeContext(runId));
        if (result.rows === 0) return ids;
        ids.push(result.written[0]!.rowId);
      }
    };
    const [a, b] = await Promise.all([drain(user), drain(other)]);
    const all = [claimed.written[0]!.rowId, ...a, ...b];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(cast.openTasks);
    const left = await admin.query(`SELECT 1 FROM tasks WHERE assignee_id = $1 AND status = 'open'`, [cast.queueOwner.providerId]);
    expect(left.rowCount).toBe(0);
  });

  it('task_completed completes the claimed task, journaling it as claimed', async () => {
    const taskId = (await admin.query<{ id: string }>(`SELECT id FROM tasks WHERE assignee_id = $1 AND status = 'in_progress' ORDER BY id LIMIT 1`, [cast.queueOwner.providerId])).rows[0]!.id;
    const done = await taskCompleted.run(user, cast.queueOwner, { task_id: taskId }, writeContext(runId));
    expect(done.written.map((r) => r.rowId)).toEqual([taskId]);
    const stored = await admin.query<{ status: string; completed: boolean }>('SELECT status, completed_at IS NOT NULL AS completed FROM tasks WHERE id = $1', [taskId]);
    expect(stored.rows[0]).toEqual({ status: 'done', completed: true });
    expect((await journalOf(admin, runId)).at(-1)!.prior).toMatchObject({ id: taskId, status: 'in_progress', completed_at: null });
    // not this user's task: RLS hides it, nothing to complete
    expect((await taskCompleted.run(user, cast.clinician, { task_id: taskId }, writeContext(runId))).rows).toBe(0);
  });

  it('once the run is undone, a late write is rolled back rather than outliving the undo', async () => {
    await undoWorkloadWrites(admin, runId);
    const before = await admin.query<{ n: string }>('SELECT count(*) AS n FROM timeline_events');
    await expect(vitalSignRecorded.run(user, cast.clinician, { patient_id: cast.carePatient, occurred_at: OCCURRED_AT }, writeContext(runId))).rejects.toBeInstanceOf(WorkloadRunClosedError);
    expect((await admin.query<{ n: string }>('SELECT count(*) AS n FROM timeline_events')).rows[0]!.n).toBe(before.rows[0]!.n);
    await finishWorkloadRun(admin, runId, 'succeeded');
  });
});
