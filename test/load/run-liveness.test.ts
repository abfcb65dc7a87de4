import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayServer, type ThrowawayServer } from '../support/throwaway-server.js';

// Big enough that its COPY lasts well beyond the moment a test acts on it; the runs that recover
// (tiny) are what the tests wait for.
const LONG_SEED = ['seed', '--profile', 'ci', '--patients', '5000', '--workers', '1'];

interface RunRow {
  id: string;
  status: string;
  phase: string | null;
  failed_table: string | null;
}

describe('a run whose loader dies, is interrupted, or is not alone', () => {
  let server: ThrowawayServer;
  let client: pg.Client;

  const run = async (id: number | string): Promise<RunRow> =>
    (await client.query<RunRow>('SELECT id, status, phase, failed_table FROM medseed.runs WHERE id = $1', [id])).rows[0]!;
  const runCount = async () => Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM medseed.runs')).rows[0]!.n);

  beforeAll(async () => {
    server = await startThrowawayServer('liveness');
    client = await server.connect();
  });
  afterAll(async () => {
    await client?.end().catch(() => undefined);
    await server?.destroy();
  });

  let killedRunId: number;

  it('refuses a second seed while one runs: exit 2 naming the live run and its backend, nothing changed', async () => {
    const first = server.spawn(...LONG_SEED);
    try {
      await first.waitForStderr(/\[generate\+copy\] \d+% of patients/);
      await first.waitForStderr(/\[generate\+copy\] [1-9]\d*% of patients/);
      let exited = false;
      void first.done.then(() => (exited = true));
      // The directory's COPYs ended after its chunk, uncommitted: their backends wait idle in
      // transaction, where they answer DROP DATABASE's barrier instead of holding it up until the load ends.
      const copies = await client.query<{ state: string }>(
        "SELECT application_name || ': ' || state AS state FROM pg_stat_activity WHERE application_name LIKE 'medseed-copy-%' ORDER BY 1",
      );
      expect(copies.rows.map((row) => row.state)).toEqual([
        'medseed-copy-audit_logs: active',
        'medseed-copy-care_team_members: active',
        'medseed-copy-documents: active',
        'medseed-copy-encounters: active',
        'medseed-copy-organizations: idle in transaction',
        'medseed-copy-patients: active',
        'medseed-copy-providers: idle in transaction',
        'medseed-copy-tasks: active',
        'medseed-copy-timeline_events: active',
      ]);
      await client.query('CREATE DATABASE liveness_scratch');
      await client.query('DROP DATABASE liveness_scratch');
      expect(exited, 'the DROP DATABASE waited for the load to end').toBe(false);
      const before = await runCount();
      const second = await server.run('seed', '--profile', 'tiny', '--reset');
      expect(second.code, second.stderr).toBe(2);
      const named = /another medseed loader is seeding this database: run #(\d+) \(started [^,]+, profile ci, seed 42, phase generate\+copy\), held by backend pid (\d+) \(application "medseed-seed"/.exec(second.stderr);
      expect(named, second.stderr).not.toBeNull();
      expect(second.stderr).toMatch(/nothing was changed/);
      // The pid named is the first loader's own admin session.
      const holder = await client.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND application_name = $2', [Number(named![2]), 'medseed-seed']);
      expect(holder.rowCount).toBe(1);
      expect(await runCount()).toBe(before);
      killedRunId = Number(named![1]);
      expect((await run(killedRunId)).status).toBe('running');
    } finally {
      // The next test needs it dead mid-COPY: SIGKILL, the fault a killed terminal or OOM killer deals.
      first.kill('SIGKILL');
      await first.done;
    }
  });

  it('marks a SIGKILLed run abandoned in the phase it died in, says so, and --reset recovers', async () => {
    expect(killedRunId).toBeGreaterThan(0);
    const dead = await run(killedRunId);
    // Nothing has looked at it yet: it still claims to be running, in generate+copy.
    expect(dead).toMatchObject({ status: 'running', phase: 'generate+copy' });
    const next = await server.run('seed', '--profile', 'tiny', '--reset');
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(
      new RegExp(`Run #${killedRunId} \\(started [^)]+, profile ci, seed 42\\) was abandoned during generate\\+copy: .*its data was incomplete`),
    );
    expect(await run(killedRunId)).toMatchObject({ status: 'abandoned', phase: 'generate+copy' });
    const verify = await server.run('verify', '--profile', 'tiny');
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    // Settled once: the next seed has nothing to report.
    const again = await server.run('seed', '--profile', 'tiny', '--reset');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(/abandoned/);
  });

  for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`records a run interrupted by ${signal} mid-COPY as failed with its phase, exits ${exitCode}, keeps the server up${signal === 'SIGINT' ? ', and seeding again recovers' : ''}`, async () => {
      const seeding = server.spawn(...LONG_SEED, '--reset');
      await seeding.waitForStderr(/\[generate\+copy\] \d+% of patients/);
      seeding.kill(signal);
      const result = await seeding.done;
      expect(result.code, result.stderr).toBe(exitCode);
      expect(result.stderr).toMatch(new RegExp(`seed failed during generate\\+copy: interrupted by ${signal}`));
      const recorded = /Run #(\d+) is recorded as failed \(phase generate\+copy\) in medseed\.runs/.exec(result.stderr);
      expect(recorded, result.stderr).not.toBeNull();
      expect(await run(recorded![1]!)).toMatchObject({ status: 'failed', phase: 'generate+copy' });
      // No table's COPY had been told to commit, so the run says nothing was left and no reset is needed.
      expect(result.stderr).toContain("every table's COPY rolled back, so medseed's tables hold none of its rows");
      expect(result.stderr).toContain('Run the same seed command again to load from the start.');
      // Our connection to the embedded server survived: the server was not taken down with the loader.
      expect((await client.query('SELECT 1 AS up')).rows[0]).toEqual({ up: 1 });
      if (signal === 'SIGTERM') return; // recovery is the same as after SIGINT, and the next test reseeds with --reset
      const recovered = await server.run('seed', '--profile', 'tiny');
      expect(recovered.code, recovered.stderr).toBe(0);
      // The next run says what the failed one left behind: nothing, as every COPY rolled back.
      expect(recovered.stderr).toContain(`Run #${recorded![1]} had failed during generate+copy and left no rows in medseed's tables`);
      expect((await server.run('verify', '--profile', 'tiny')).code).toBe(0);
    });
  }

  it('says which session holds a lock it waits for, gives up after --lock-timeout naming table and holder, and changes nothing', async () => {
    const counts = async () => (await client.query<{ n: string }>('SELECT count(*) AS n FROM documents')).rows[0]!.n;
    const before = await counts();
    const runsBefore = await runCount();
    const holder = await server.connect('lock-holder');
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE documents IN ACCESS EXCLUSIVE MODE');
      const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const seeding = server.spawn('seed', '--profile', 'tiny', '--lock-timeout', '3');
      const waiting = await seeding.waitForStderr(/waiting \d+ s for an? [A-Z ]+ lock on table (\w+) .*held by pid (\d+) \(application "lock-holder"/);
      expect(waiting[1]).toBe('documents');
      expect(Number(waiting[2])).toBe(holderPid);
      const result = await seeding.done;
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`seed failed during prepare on table documents: gave up after 3 s .*pid ${holderPid}`));
      expect(result.stderr).toMatch(new RegExp(`End that session \\(SELECT pg_terminate_backend\\(${holderPid}\\)\\) or raise --lock-timeout`));
      expect(result.stderr).toMatch(/No run was recorded, and no rows were loaded or removed/);
      expect(result.stderr).toMatch(/SQLSTATE 55P03/);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await counts()).toBe(before);
    expect(await runCount()).toBe(runsBefore);
    const after = await server.run('seed', '--profile', 'tiny', '--reset', '--lock-timeout', '3');
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).not.toMatch(/waiting/);
  });

  it('migrate, too, says what it waits for and gives up after --lock-timeout', async () => {
    const holder = await server.connect('migration-holder');
    try {
      // The lock every medseed migrate takes first (src/db/migrations/apply-migrations.ts).
      await holder.query('SELECT pg_advisory_lock(4826199311)');
      const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const result = await server.run('migrate', '--lock-timeout', '3');
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`waiting \\d+ s for an EXCLUSIVE lock on advisory lock \\(4826199311\\) .*held by pid ${holderPid} \\(application "migration-holder"`));
      expect(result.stderr).toMatch(new RegExp(`gave up after 3 s .*pg_terminate_backend\\(${holderPid}\\).*Nothing was changed`));
    } finally {
      await holder.end();
    }
    expect((await server.run('migrate')).code).toBe(0);
  });

  it('never prints the password of the connection URL', () => {
    expect(server.password.length).toBeGreaterThan(8);
    expect(server.transcript.length).toBeGreaterThan(10);
    for (const output of server.transcript) expect(output.includes(server.password)).toBe(false);
  });
});
