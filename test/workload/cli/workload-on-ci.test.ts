import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkloadReport } from '../../../src/workload/report/workload-report.js';
import { runMedseed } from '../../load/run-medseed.js';
import { CI_SEED_42, createSeededTestDatabase } from '../../support/seeded-test-database.js';

// A short closed-loop run on the ci profile, through the real CLI against the embedded server.
// Latency budgets depend on the machine, so the exit code is checked against the verdict the run
// wrote, never asserted to pass: what is asserted is what a run must do whatever the timings.
const SHORT = ['--duration', '6', '--warmup', '1', '--ramp', '1', '--interval', '1', '--think-time', '40', '--sample-size', '500', '--quiet'];

describe('medseed workload on a seeded ci database', () => {
  let database: Awaited<ReturnType<typeof createSeededTestDatabase>>;
  let admin: pg.Client;
  let out: string;
  let report: WorkloadReport;
  let run: Awaited<ReturnType<typeof runMedseed>>;

  beforeAll(async () => {
    database = await createSeededTestDatabase('workload', CI_SEED_42);
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    out = path.join(mkdtempSync(path.join(os.tmpdir(), 'medseed-workload-')), 'out');
    run = await runMedseed('workload', '--db', database.url, '--users', '16', ...SHORT, '--out', out);
    if (run.code !== 0 && run.code !== 1) throw new Error(`workload failed (${run.code}):\n${run.stdout}${run.stderr}`);
    report = JSON.parse(readFileSync(path.join(out, 'workload.json'), 'utf8')) as WorkloadReport;
  }, 600_000);
  afterAll(async () => {
    await admin?.end();
    await database?.drop();
  });

  it('runs every operation of the mix, for clinicians and administrators', () => {
    const mix = JSON.parse(readFileSync(path.resolve('bench', 'queries', 'workload-mix.json'), 'utf8')) as { clinician: object; administrator: object };
    const expected = [...Object.keys(mix.clinician), ...Object.keys(mix.administrator), 'task_completed'].sort();
    const stage = report.stages[0]!;
    expect(stage.users).toBe(16);
    expect(stage.operations.map((o) => o.name).sort()).toEqual(expected);
    for (const op of stage.operations) expect(op.count, op.name).toBeGreaterThan(0);
    expect(stage.operations.filter((o) => o.kind === 'write').every((o) => o.rows > 0)).toBe(true);
  });

  it('exits 1 exactly when the verdict fails, naming each failure', () => {
    expect(run.code).toBe(report.verdict.passed ? 0 : 1);
    for (const failure of report.verdict.failures) expect(run.stdout).toContain(failure);
  });

  it('keeps every user inside its tenant and care team: no row seen or written outside', () => {
    for (const op of report.stages[0]!.operations) expect(op.isolationViolations, op.name).toBe(0);
  });

  it('with --keep-writes leaves rows only in each writer\'s tenant and care team, verify names the changed tables, and --undo puts them back', async () => {
    const kept = await runMedseed('workload', '--db', database.url, '--users', '16', ...SHORT, '--keep-writes');
    expect([0, 1]).toContain(kept.code);
    const runId = Number(/workload --undo (\d+)/.exec(kept.stdout)?.[1]);
    expect(runId).toBeGreaterThan(0);
    expect(kept.stdout).toContain('The run changed the data');
    // the journal records who wrote what: every row lands in the writer's tenant, on a patient of their care team or in their own queue
    const outside = await admin.query<{ table_name: string; row_id: string }>(
      `SELECT w.table_name, w.row_id FROM medseed.workload_writes w JOIN providers p ON p.id = w.provider_id
        WHERE w.run_id = $1 AND (w.org_id <> p.org_id OR (w.patient_id IS NOT NULL AND w.table_name <> 'tasks' AND NOT EXISTS (
          SELECT 1 FROM care_team_members m WHERE m.provider_id = w.provider_id AND m.patient_id = w.patient_id AND m.period_end IS NULL)))`,
      [runId],
    );
    expect(outside.rows).toEqual([]);
    const tables = await admin.query<{ table_name: string }>('SELECT DISTINCT table_name FROM medseed.workload_writes WHERE run_id = $1 ORDER BY 1', [runId]);
    expect(tables.rows.map((r) => r.table_name)).toEqual(['audit_logs', 'documents', 'tasks', 'timeline_events']);
    const changed = await runMedseed('verify', '--db', database.url);
    expect(changed.code).toBe(1);
    expect(changed.stdout + changed.stderr).toContain(`timeline_events differs: workload run #${runId} kept`);
    const undo = await runMedseed('workload', '--db', database.url, '--undo', String(runId));
    expect(undo.code).toBe(0);
    expect(undo.stdout).toMatch(new RegExp(`Put back \\d+ row\\(s\\) workload run #${runId} wrote`));
    expect((await runMedseed('verify', '--db', database.url)).code).toBe(0);
  }, 300_000);

  it('puts back every write, so the database verifies as seeded, and says so', async () => {
    expect(report.writes.mode).toBe('undone');
    expect(run.stdout).toContain('Every row the run wrote was put back');
    const verify = await runMedseed('verify', '--db', database.url);
    expect(verify.stderr + verify.stdout).not.toMatch(/differs/);
    expect(verify.code).toBe(0);
  }, 120_000);

  it('writes the report as HTML, JSON and CSV with the same figures', () => {
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    const stage = report.stages[0]!;
    const timeline = stage.operations.find((o) => o.name === 'patient_timeline')!;
    expect(html).toContain('patient_timeline');
    expect(html).toContain(String(timeline.count));
    const operationsCsv = readFileSync(path.join(out, 'operations.csv'), 'utf8').trim().split('\n');
    expect(operationsCsv).toHaveLength(1 + stage.operations.length);
    expect(operationsCsv.find((line) => line.includes('patient_timeline'))).toContain(String(timeline.count));
    const series = readFileSync(path.join(out, 'timeseries.csv'), 'utf8').trim().split('\n');
    expect(series.length).toBeGreaterThan(stage.series.length);
  });

  it('records the run, and a second run over the same --out replaces only its own files', async () => {
    const runs = await admin.query<{ status: string; undone: boolean }>('SELECT status, writes_undone_at IS NOT NULL AS undone FROM medseed.workload_runs WHERE id = $1', [report.writes.runId]);
    expect(runs.rows).toEqual([{ status: 'succeeded', undone: true }]);
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    const refused = await runMedseed('workload', '--db', database.url, '--users', '2', ...SHORT, '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--out/);
    expect(existsSync(path.join(out, 'notes.txt'))).toBe(true);
  }, 120_000);

  it('open loop sweep with a history: every scheduled arrival is run or counted dropped, the same number each run, and each run is appended', async () => {
    const history = mkdtempSync(path.join(os.tmpdir(), 'medseed-workload-history-'));
    const args = ['workload', '--db', database.url, '--users', '2,4', '--rate', '30', '--duration', '3', '--warmup', '1', '--ramp', '1', '--sample-size', '500', '--quiet', '--history', history];
    const reports: WorkloadReport[] = [];
    for (const label of ['first', 'second']) {
      const dir = path.join(history, label);
      const result = await runMedseed(...args, '--label', label, '--out', dir);
      expect([0, 1], result.stderr).toContain(result.code);
      reports.push(JSON.parse(readFileSync(path.join(dir, 'workload.json'), 'utf8')) as WorkloadReport);
    }
    const [first, second] = reports as [WorkloadReport, WorkloadReport];
    expect(first.stages.map((s) => [s.users, s.rate])).toEqual([[2, 30], [4, 30]]);
    expect(first.sweep.points.map((p) => p.users)).toEqual([2, 4]);
    // arrivals come from the seed's Poisson stream: run or dropped, none is lost from the count
    const arrivals = (r: WorkloadReport) => r.stages.map((s) => s.total.count + s.total.dropped);
    expect(arrivals(first)).toEqual(arrivals(second));
    expect(arrivals(first)[0]).toBeGreaterThan(30);
    const lines = readFileSync(path.join(history, 'history.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { label: string }).label)).toEqual(['first', 'second']);
    expect(second.history?.runs.map((r) => r.label)).toEqual(['first', 'second']);
    expect(second.history?.limits.patient_timeline ?? null).toBeNull(); // fewer than 3 earlier runs: no limit yet
  }, 300_000);
});
