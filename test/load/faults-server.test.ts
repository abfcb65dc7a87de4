import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayServer, type ThrowawayServer } from '../support/throwaway-server.js';
import { copyHoldsLock } from '../support/copy-lock.js';
import { waitFor } from './run-medseed.js';

interface RunRow {
  status: string;
  phase: string | null;
  failed_table: string | null;
}

async function runRow(server: ThrowawayServer, id: string): Promise<RunRow> {
  const client = await server.connect();
  try {
    return (await client.query<RunRow>('SELECT status, phase, failed_table FROM medseed.runs WHERE id = $1', [id])).rows[0]!;
  } finally {
    await client.end();
  }
}

/**
 * Checks that what seed said about its run is what medseed.runs holds: "recorded as failed (phase
 * X, table Y)" means exactly that row; "could not be recorded" means the row still says running.
 * Returns the run id.
 */
async function expectTruthfulRecord(server: ThrowawayServer, stderr: string, phase: string): Promise<{ id: string; recorded: boolean }> {
  const recorded = new RegExp(`Run #(\\d+) is recorded as failed \\(phase ${phase.replace('+', '\\+')}(?:, table (\\w+))?\\) in medseed\\.runs`).exec(stderr);
  const unrecorded = /The failure could not be recorded \((.+)\); run #(\d+) still says 'running' in medseed\.runs, and the next medseed seed or verify will mark it abandoned/.exec(stderr);
  expect(Boolean(recorded) !== Boolean(unrecorded), stderr).toBe(true);
  if (recorded) {
    expect(await runRow(server, recorded[1]!)).toEqual({ status: 'failed', phase, failed_table: recorded[2] ?? null });
    return { id: recorded[1]!, recorded: true };
  }
  expect(await runRow(server, unrecorded![2]!)).toMatchObject({ status: 'running', phase });
  return { id: unrecorded![2]!, recorded: false };
}

describe('the server stops while indexes are being built', () => {
  let server: ThrowawayServer;
  beforeAll(async () => {
    server = await startThrowawayServer('stopped');
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('fails naming the phase, tells the truth about the record, and the next seed reports the dead run; --reset recovers and verify passes', async () => {
    const seeding = server.spawn('seed', '--profile', 'ci');
    // Hold one table so that the index phase provably waits on it (a SHARE lock for CREATE INDEX
    // conflicts with our ROW EXCLUSIVE), then stop the server under it: a deterministic "mid-index" stop.
    // The lock is asked for while the COPY of tasks holds the table, so it is granted when that load
    // commits, before any index build can queue for the table.
    await seeding.waitForStderr(/\[generate\+copy\] \d+% of patients/);
    const watcher = await server.connect('copy-watcher');
    await waitFor('the tasks COPY holding its lock', () => copyHoldsLock(watcher, 'tasks'));
    await watcher.end();
    const holder = await server.connect('index-blocker');
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE tasks IN ROW EXCLUSIVE MODE');
    await seeding.waitForStderr(/waiting \d+ s for a SHARE lock on table tasks \(CREATE INDEX/);
    const stopped = await server.run('db', 'stop');
    expect(stopped.code, stopped.stderr).toBe(0);
    await holder.end().catch(() => undefined);

    const failed = await seeding.done;
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toMatch(/seed failed during indexes on table \w+: .*terminating connection due to administrator command/);
    expect(failed.stderr).toMatch(/SQLSTATE 57P01/);
    expect(failed.stderr).toMatch(/The server stopped, crashed or closed our connection during indexes/);
    expect(failed.stderr).not.toMatch(/Seed run #\d+ succeeded/);

    expect((await server.run('db', 'start')).code).toBe(0);
    const { id, recorded } = await expectTruthfulRecord(server, failed.stderr, 'indexes');

    // Without --reset the next seed refuses the loaded tables, but first settles and reports the dead run.
    const next = await server.run('seed', '--profile', 'ci', '--patients', '150');
    expect(next.code, next.stderr).toBe(2);
    expect(next.stderr).toMatch(/already holds data/);
    if (!recorded) {
      expect(next.stderr).toMatch(new RegExp(`Run #${id} \\(started [^)]+, profile ci, seed 42\\) was abandoned during indexes: .*its data was incomplete`));
      expect(await runRow(server, id)).toMatchObject({ status: 'abandoned', phase: 'indexes' });
    }
    expect(next.stderr).toMatch(new RegExp(`The last medseed run \\(#${id}, profile ci, seed 42\\) is (failed|abandoned)`));

    const recovered = await server.run('seed', '--profile', 'ci', '--patients', '150', '--reset');
    expect(recovered.code, recovered.stderr).toBe(0);
    const verify = await server.run('verify', '--profile', 'ci', '--patients', '150');
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    for (const output of server.transcript) expect(output.includes(server.password)).toBe(false);
  }, 240_000);
});

/** Why a size-limited tmpfs cannot be mounted here, or undefined when it can. */
function mountUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `tmpfs mounts need Linux, this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const probe = mkdtempSync(path.join(os.tmpdir(), 'medseed-mount-probe-'));
  try {
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { encoding: 'utf8' });
    if (mounted.status !== 0) return `mount -t tmpfs failed: ${(mounted.stderr || mounted.error?.message || '').trim()}`;
    spawnSync('umount', [probe]);
    return undefined;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const cannotMount = mountUnavailable();
if (cannotMount) process.stderr.write(`faults-server: skipping the disk-full test: ${cannotMount}\n`);

// initdb and the empty database take ~41 MB; the ci profile needs ~100 MB more.
const FULL_DISK = '70m';
const ROOMY_DISK = '400m';

describe.skipIf(cannotMount !== undefined)(`the server's disk fills up during the load${cannotMount ? ` (skipped: ${cannotMount})` : ''}`, () => {
  let mountPoint: string;
  let server: ThrowawayServer;
  beforeAll(async () => {
    mountPoint = mkdtempSync(path.join(os.tmpdir(), 'medseed-full-'));
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${FULL_DISK},mode=755`, 'tmpfs', mountPoint], { encoding: 'utf8' });
    if (mounted.status !== 0) throw new Error(`mount failed: ${mounted.stderr}`);
    server = await startThrowawayServer('full', { home: mountPoint });
  });
  afterAll(async () => {
    await server?.destroy({ keepHome: true }).catch(() => undefined);
    if (!mountPoint) return;
    // Even if the server would not stop: a lazy unmount detaches the tmpfs and frees its memory once unused.
    if (spawnSync('umount', [mountPoint]).status !== 0) spawnSync('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('fails naming phase and table (or the crash), records only what happened, and --reset recovers once space is freed', async () => {
    const failed = await server.run('seed', '--profile', 'ci');
    expect(failed.code, failed.stderr).toBe(1);
    const where = /seed failed during (generate\+copy|indexes|analyze)(?: on table (\w+))?: /.exec(failed.stderr);
    expect(where, failed.stderr).not.toBeNull();
    const phase = where![1]!;
    const diskFull = /The server ran out of disk space during /.test(failed.stderr);
    if (diskFull) {
      expect(failed.stderr).toMatch(/SQLSTATE 53100, .*No space left on device/);
      if (phase === 'generate+copy') expect(where![2], 'a COPY that hit the full disk names its table').toBeDefined();
    } else {
      // PostgreSQL PANICs when it cannot write WAL: then the crash is what we can report.
      expect(failed.stderr).toMatch(/The server stopped, crashed or closed our connection during /);
    }
    expect(failed.stderr).toMatch(/Free space on the server's disk|once it is running again/i);
    expect(failed.stderr).not.toMatch(/succeeded/);

    expect(spawnSync('mount', ['-o', `remount,size=${ROOMY_DISK}`, mountPoint]).status).toBe(0);
    // A crashed server may have stopped for good; seed starts the embedded server again if so.
    if ((await server.run('db', 'start')).code !== 0) throw new Error('the server did not come back after the disk was grown');
    const { id } = await expectTruthfulRecord(server, failed.stderr, phase);
    expect(['failed', 'running']).toContain((await runRow(server, id)).status);

    const recovered = await server.run('seed', '--profile', 'ci', '--reset');
    expect(recovered.code, recovered.stderr).toBe(0);
    const verify = await server.run('verify', '--profile', 'ci');
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    for (const output of server.transcript) expect(output.includes(server.password)).toBe(false);
  }, 240_000);
});
