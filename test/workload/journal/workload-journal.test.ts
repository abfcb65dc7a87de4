import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedByWorkload } from '../../../src/workload/journal/changed-by-workload.js';
import { repairUnfinishedWorkloadRuns } from '../../../src/workload/journal/repair-unfinished-workload-runs.js';
import { journalWrittenRows } from '../../../src/workload/journal/journal-written-rows.js';
import { undoWorkloadWrites, WorkloadUndoError } from '../../../src/workload/journal/undo-workload-writes.js';
import { WORKLOAD_LOCK_NAMESPACE } from '../../../src/workload/journal/workload-run-lock.js';
import { beginWorkloadRun, finishWorkloadRun } from '../../../src/workload/journal/workload-run-record.js';
import { auditAppended } from '../../../src/workload/writes/audit-appended.js';
import { noteSaved } from '../../../src/workload/writes/note-saved.js';
import { taskClaimed } from '../../../src/workload/writes/task-claimed.js';
import { taskCompleted } from '../../../src/workload/writes/task-completed.js';
import { vitalSignRecorded } from '../../../src/workload/writes/vital-sign-recorded.js';
import { runMedseed, waitFor } from '../../load/run-medseed.js';
import { createSeededDatabase, findCast, OCCURRED_AT, writeContext, type Cast } from '../writes/workload-database.js';

describe('the workload journal puts writes back, and verify says what is not put back', () => {
  let database: Awaited<ReturnType<typeof createSeededDatabase>>;
  let admin: pg.Client;
  let user: pg.Client;
  let cast: Cast;

  beforeAll(async () => {
    database = await createSeededDatabase('workload_journal');
    admin = new pg.Client({ connectionString: database.url });
    user = new pg.Client({ connectionString: database.url });
    await Promise.all([admin.connect(), user.connect()]);
    cast = await findCast(admin);
  });
  afterAll(async () => {
    await Promise.all([admin?.end(), user?.end()]);
    await database?.drop();
  });

  /** Every kind of write once or more: inserts into three tables, two updates of one task. */
  async function writeEverything(runId: number): Promise<void> {
    const params = { patient_id: cast.carePatient, occurred_at: OCCURRED_AT };
    const ctx = writeContext(runId);
    for (const op of [vitalSignRecorded, vitalSignRecorded, noteSaved, auditAppended]) expect((await op.run(user, cast.clinician, params, ctx)).rows).toBe(1);
    const claimed = await taskClaimed.run(user, cast.queueOwner, {}, ctx);
    await taskClaimed.run(user, cast.queueOwner, {}, ctx);
    await taskCompleted.run(user, cast.queueOwner, { task_id: claimed.written[0]!.rowId }, ctx);
  }

  it('undo puts every row back, so verify passes again; until then verify names the running run', async () => {
    const runId = await beginWorkloadRun(admin, { test: 'undo' });
    await writeEverything(runId);
    const running = await runMedseed('verify', '--db', database.url);
    expect(running.code, running.stdout).toBe(1);
    expect(running.stdout).toContain(`timeline_events differs: workload run #${runId} is running and has written 2 rows`);
    expect(running.stdout).toContain(`tasks differs: workload run #${runId} is running and has written 2 rows`);

    expect(await undoWorkloadWrites(admin, runId)).toEqual({ timeline_events: 2, documents: 1, tasks: 2, audit_logs: 1 });
    await finishWorkloadRun(admin, runId, 'succeeded');
    expect(await changedByWorkload(admin)).toEqual([]);
    const verify = await runMedseed('verify', '--db', database.url);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/Data identical to profile tiny, seed 7/);
    // undoing twice changes nothing more
    expect(await undoWorkloadWrites(admin, runId)).toEqual({});
  });

  it('a kept run makes verify fail naming the table, the run and the undo; undo then restores', async () => {
    const runId = await beginWorkloadRun(admin, { test: 'kept' }, { keepWrites: true });
    const ctx = writeContext(runId);
    for (let i = 0; i < 3; i++) await vitalSignRecorded.run(user, cast.clinician, { patient_id: cast.carePatient, occurred_at: OCCURRED_AT }, ctx);
    await finishWorkloadRun(admin, runId, 'succeeded');
    // a kept run is the user's wish: repair leaves it alone
    expect(await repairUnfinishedWorkloadRuns(admin)).toEqual([]);

    const verify = await runMedseed('verify', '--db', database.url);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`timeline_events differs: workload run #${runId} kept 3 rows it wrote (medseed workload --undo ${runId} puts them back)`);
    expect(verify.stdout).toMatch(/Data differs from profile tiny, seed 7 in: timeline_events\n/);
    const json = JSON.parse((await runMedseed('verify', '--db', database.url, '--json')).stdout) as { ok: boolean; workload: unknown };
    expect(json).toMatchObject({ ok: false, workload: [{ runId, table: 'timeline_events', rows: 3, state: 'kept' }] });

    expect(await undoWorkloadWrites(admin, runId)).toEqual({ timeline_events: 3 });
    expect((await runMedseed('verify', '--db', database.url)).code).toBe(0);
  });

  it("refuses to undo another process's live run, and an unknown run", async () => {
    const runner = new pg.Client({ connectionString: database.url });
    await runner.connect();
    try {
      const runId = await beginWorkloadRun(runner, { test: 'live' });
      await expect(undoWorkloadWrites(admin, runId)).rejects.toThrow(/is still running/);
      expect(await repairUnfinishedWorkloadRuns(admin)).toEqual([]);
      await undoWorkloadWrites(runner, runId);
      await finishWorkloadRun(runner, runId, 'succeeded');
    } finally {
      await runner.end();
    }
    await expect(undoWorkloadWrites(admin, 999_999)).rejects.toBeInstanceOf(WorkloadUndoError);
  });

  it('undo waits for a write in flight and puts it back too', async () => {
    const runId = await beginWorkloadRun(admin, { test: 'in flight' });
    // a write transaction half way: it holds the run's shared lock, its row and journal entry not yet committed
    await user.query('BEGIN');
    await user.query('SELECT pg_advisory_xact_lock_shared($1::int, $2::int)', [WORKLOAD_LOCK_NAMESPACE, runId]);
    const inserted = await user.query<{ id: string; org_id: string }>(
      `INSERT INTO timeline_events (id, org_id, patient_id, category, code_system, code, display, status, occurred_at, payload)
       VALUES (gen_random_uuid(), $1, $2, 'vital', 'LOINC', '8867-4', 'Heart rate', 'final', $3, '{}') RETURNING id, org_id`,
      [cast.clinician.orgId, cast.carePatient, OCCURRED_AT],
    );
    let undone: Record<string, number> | undefined;
    const undo = undoWorkloadWrites(admin, runId).then((rows) => (undone = rows));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(undone).toBeUndefined();
    await journalWrittenRows(user, runId, 'timeline_events', cast.clinician.providerId, [
      { rowId: inserted.rows[0]!.id, orgId: inserted.rows[0]!.org_id, patientId: cast.carePatient, prior: null },
    ]);
    await user.query('COMMIT');
    expect(await undo).toEqual({ timeline_events: 1 });
    expect((await admin.query('SELECT 1 FROM timeline_events WHERE id = $1', [inserted.rows[0]!.id])).rowCount).toBe(0);
    await finishWorkloadRun(admin, runId, 'succeeded');
  });

  it('refuses to undo as a role row-level security binds: it would see no row yet call the run undone', async () => {
    const runId = await beginWorkloadRun(admin, { test: 'bound' });
    await vitalSignRecorded.run(user, cast.clinician, { patient_id: cast.carePatient, occurred_at: OCCURRED_AT }, writeContext(runId));
    const bound = new pg.Client({ connectionString: database.url });
    await bound.connect();
    try {
      // the tables' owner: FORCE ROW LEVEL SECURITY binds it too
      await bound.query('SET ROLE medseed_owner');
      await expect(undoWorkloadWrites(bound, runId)).rejects.toThrow(/bound by row-level security .* BYPASSRLS/);
    } finally {
      await bound.end();
    }
    expect(await changedByWorkload(admin)).toEqual([{ runId, table: 'timeline_events', rows: 1, state: 'running' }]);
    expect(await undoWorkloadWrites(admin, runId)).toEqual({ timeline_events: 1 });
    await finishWorkloadRun(admin, runId, 'succeeded');
  });

  it('a runner killed with SIGKILL while writing is repaired: its committed writes are put back, verify passes', async () => {
    const script = fileURLToPath(new URL('./write-until-killed.mjs', import.meta.url));
    const child = spawn(process.execPath, [script, database.url, cast.clinician.orgId, cast.clinician.providerId, cast.carePatient, OCCURRED_AT]);
    let output = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    const runId = await waitFor(`five writes (stderr: ${stderr})`, async () => {
      const match = [...output.matchAll(/wrote (\d+) (\d+)/g)].at(-1);
      return match && Number(match[2]) >= 5 ? Number(match[1]) : undefined;
    });
    child.kill('SIGKILL');
    await exited;
    // the server notices the dropped connections: the run's lock is freed and it shows as abandoned
    const changed = await waitFor('the dead runner to be noticed', async () => {
      const changes = await changedByWorkload(admin);
      return changes.some((c) => c.runId === runId && c.state === 'abandoned') ? changes : undefined;
    });
    const written = changed.find((c) => c.runId === runId)!.rows;
    expect(written).toBeGreaterThanOrEqual(5);
    const abandoned = await runMedseed('verify', '--db', database.url);
    expect(abandoned.code).toBe(1);
    expect(abandoned.stdout).toContain(`timeline_events differs: workload run #${runId} ended without putting back ${written} rows it wrote`);

    const repaired = await repairUnfinishedWorkloadRuns(admin);
    expect(repaired).toEqual([{ runId, status: 'running', rows: { timeline_events: written } }]);
    const run = await admin.query('SELECT status, writes_undone_at IS NOT NULL AS undone FROM medseed.workload_runs WHERE id = $1', [runId]);
    expect(run.rows[0]).toEqual({ status: 'interrupted', undone: true });
    expect(await repairUnfinishedWorkloadRuns(admin)).toEqual([]);
    const verify = await runMedseed('verify', '--db', database.url);
    expect(verify.code, verify.stdout).toBe(0);
  });
});
