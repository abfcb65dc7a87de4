import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkloadReport } from '../../../src/workload/report/workload-report.js';
import { runMedseed } from '../../load/run-medseed.js';
import { createTestDatabase } from '../../support/test-database.js';

// A short closed-loop run on the ci profile, through the real CLI against the embedded server.
// Latency budgets depend on the machine, so the exit code is checked against the verdict the run
// wrote, never asserted to pass: what is asserted is what a run must do whatever the timings.
const SHORT = ['--duration', '6', '--warmup', '1', '--ramp', '1', '--interval', '1', '--think-time', '40', '--sample-size', '500', '--quiet'];

describe('medseed workload on a seeded ci database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: pg.Client;
  let out: string;
  let report: WorkloadReport;
  let run: Awaited<ReturnType<typeof runMedseed>>;

  beforeAll(async () => {
    database = await createTestDatabase('workload');
    const seed = await runMedseed('seed', '--db', database.url, '--profile', 'ci', '--quiet');
    if (seed.code !== 0) throw new Error(`seed failed:\n${seed.stderr}`);
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

  it('keeps every user inside its tenant and care team: no row seen or written outside', async () => {
    for (const op of report.stages[0]!.operations) expect(op.isolationViolations, op.name).toBe(0);
    // the journal records who wrote what: every row lands in the writer's tenant, on a patient of their care team or in their own queue
    const outside = await admin.query<{ table_name: string; row_id: string }>(
      `SELECT w.table_name, w.row_id FROM medseed.workload_writes w JOIN providers p ON p.id = w.provider_id
        WHERE w.run_id = $1 AND (w.org_id <> p.org_id OR (w.patient_id IS NOT NULL AND w.table_name <> 'tasks' AND NOT EXISTS (
          SELECT 1 FROM care_team_members m WHERE m.provider_id = w.provider_id AND m.patient_id = w.patient_id AND m.period_end IS NULL)))`,
      [report.writes.runId],
    );
    expect(outside.rows).toEqual([]);
    const written = await admin.query<{ n: string }>('SELECT count(*) AS n FROM medseed.workload_writes WHERE run_id = $1', [report.writes.runId]);
    expect(Number(written.rows[0]!.n)).toBeGreaterThan(0);
  });

  it('puts back every write, so the database verifies as seeded, and says so', async () => {
    expect(report.writes.mode).toBe('undone');
    expect(run.stdout).toContain('Every row the run wrote was put back');
    const verify = await runMedseed('verify', '--db', database.url);
    expect(verify.stderr + verify.stdout).not.toMatch(/differs/);
    expect(verify.code).toBe(0);
  });

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
  });
});
