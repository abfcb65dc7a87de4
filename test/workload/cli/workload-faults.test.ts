import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMedseed, waitFor, type CliResult } from '../../load/run-medseed.js';
import { CI_SEED_42, createSeededTestDatabase } from '../../support/seeded-test-database.js';

// Interrupting and killing a workload through the real CLI: a run that commits writes must always
// put them back or leave them for the next run to put back, and say which.
const RUN = ['--users', '8', '--duration', '60', '--warmup', '0', '--ramp', '0', '--think-time', '5', '--sample-size', '300'];

function startWorkload(url: string): { child: ReturnType<typeof spawn>; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [path.resolve('bin', 'medseed.js'), 'workload', '--db', url, ...RUN], { env: { ...process.env, DATABASE_URL: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

describe('medseed workload interrupted and killed', () => {
  let database: Awaited<ReturnType<typeof createSeededTestDatabase>>;
  let admin: pg.Client;

  beforeAll(async () => {
    database = await createSeededTestDatabase('workload_faults', CI_SEED_42);
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
  }, 300_000);
  afterAll(async () => {
    await admin?.end();
    await database?.drop();
  });

  /** Resolves once the running workload has committed at least `n` journaled writes. */
  const writesCommitted = (n: number, done: Promise<CliResult>) =>
    waitFor(
      `${n} committed workload writes`,
      async () => {
        try {
          const result = await admin.query<{ n: string }>("SELECT count(*) AS n FROM medseed.workload_writes w JOIN medseed.workload_runs r ON r.id = w.run_id WHERE r.status = 'running'");
          return Number(result.rows[0]!.n) >= n ? true : undefined;
        } catch {
          return undefined; // the journal does not exist yet
        }
      },
      done,
      120_000,
    );

  it('SIGINT half way: exits 130, puts every write back, records the run interrupted', async () => {
    const { child, done } = startWorkload(database.url);
    await writesCommitted(20, done);
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('SIGINT received: stopping the workload and putting its writes back');
    expect(result.stdout).toContain('Every row the run wrote was put back');
    const runs = await admin.query<{ status: string; undone: boolean }>('SELECT status, writes_undone_at IS NOT NULL AS undone FROM medseed.workload_runs ORDER BY id DESC LIMIT 1');
    expect(runs.rows).toEqual([{ status: 'interrupted', undone: true }]);
    expect((await runMedseed('verify', '--db', database.url)).code).toBe(0);
  }, 300_000);

  it('SIGKILL half way: verify names what it left; the next workload puts it back first and says so', async () => {
    const { child, done } = startWorkload(database.url);
    await writesCommitted(20, done);
    child.kill('SIGKILL');
    await done;
    const killedRun = Number((await admin.query<{ id: string }>('SELECT max(id) AS id FROM medseed.workload_runs')).rows[0]!.id);
    const verify = await runMedseed('verify', '--db', database.url);
    expect(verify.code).toBe(1);
    expect(verify.stdout + verify.stderr).toContain(`workload run #${killedRun} ended without putting back`);
    const next = await runMedseed('workload', '--db', database.url, '--users', '2', '--duration', '2', '--warmup', '0', '--ramp', '0', '--sample-size', '300');
    expect([0, 1]).toContain(next.code);
    expect(next.stderr).toContain(`Workload run #${killedRun} (running) ended without putting back its writes; put back`);
    expect((await runMedseed('verify', '--db', database.url)).code).toBe(0);
  }, 300_000);
});
