// npm run bench:workload [-- --db URL | --profile ci] [--users 16] [--duration 20] [--memory-minutes 5]
// The client's ceiling beside the real mix, in one run: the same users and session setup (a
// transaction, SET LOCAL ROLE, the tenant and clinician settings) around `SELECT 1`, then around
// the real mix, both with no think time. When the mix's throughput is far below the ceiling, and
// the client's CPU far below a core, the client is not what limits the figures. --memory-minutes
// adds a long run of the mix sampling the process's memory, to show it stays flat.
// Without --db a scratch database on the embedded server is seeded with --profile and dropped at
// the end; with --db the database is used as it is, and every write is put back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCatalogDir, loadQueryCatalog } from '../bench/catalog/load-query-catalog.js';
import { readSeededConfig } from '../bench/read-seeded-config.js';
import { resolveRunConfig } from '../config/resolve-run-config.js';
import { connect } from '../db/connect.js';
import { resolveDatabase } from '../db/resolve-database.js';
import { seedDatabase } from '../load/seed-database.js';
import { packageVersion } from '../package-root.js';
import { DEFAULT_MIX_FILE, loadWorkloadMix } from '../workload/mix/workload-mix.js';
import { builtInWrites, TASK_FOLLOW_UPS, workloadJournal } from '../workload/operations/built-in-writes.js';
import { workloadOperations } from '../workload/operations/workload-operations.js';
import { runWorkload, type WorkloadRun } from '../workload/run/run-workload.js';
import { createScratchDatabase, dropScratchDatabase, printTable } from './perf-helpers.js';

const SELECT_ONE = `-- name: select_one
-- description: The session setup around a trivial statement: what the client alone can do.
-- threshold_ms: 1000
-- role: medseed_app
-- draw: new_vital

-- @rls
SELECT 1 AS one;

-- @owner
SELECT 1 AS one;
`;

/** A catalog of one query and a mix of only it: the ceiling contender. */
function ceilingFiles(): { catalog: string; mix: string } {
  const catalog = mkdtempSync(path.join(os.tmpdir(), 'medseed-ceiling-'));
  writeFileSync(path.join(catalog, 'select_one.sql'), SELECT_ONE);
  const mix = path.join(catalog, DEFAULT_MIX_FILE);
  writeFileSync(mix, JSON.stringify({ thinkTimeMs: 0, administratorsShare: 0, clinician: { select_one: 1 } }));
  return { catalog, mix };
}

interface Measured {
  readonly run: WorkloadRun;
  /** Share of one core the client process used (user + system CPU over wall time). */
  readonly clientCpu: number;
  readonly peakRssMb: number;
}

async function measure(url: string, catalog: string, mixFile: string, users: number, durationS: number, onSample?: (seconds: number) => void): Promise<Measured> {
  const config = await (async () => {
    const client = await connect(url, 'medseed-bench-workload');
    try {
      return (await readSeededConfig(client, {}, (line) => process.stderr.write(`${line}\n`))).config;
    } finally {
      await client.end();
    }
  })();
  const operations = workloadOperations(loadQueryCatalog(catalog), builtInWrites());
  const mix = loadWorkloadMix(mixFile, operations);
  // CPU and wall time from the first measured interval to the last: the sample's regeneration before the run is not the client's load
  let measuredFrom: { cpu: NodeJS.CpuUsage; at: number } | undefined;
  let measuredTo: { cpu: NodeJS.CpuUsage; at: number } | undefined;
  const wall = performance.now();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (measuredFrom) onSample?.((performance.now() - wall) / 1000);
  }, 1000);
  try {
    const run = await runWorkload({
      url,
      config,
      seedRunId: null,
      catalogDir: catalog,
      mix,
      operations,
      followUps: TASK_FOLLOW_UPS,
      journal: workloadJournal,
      users: [users],
      rate: null,
      durationS,
      warmupS: 3,
      rampS: 2,
      thinkTimeMs: 0,
      intervalS: 1,
      lateAfterMs: 10,
      maxQueueMs: 10_000,
      statementTimeoutMs: 30_000,
      sampleSize: 1000,
      keepWrites: false,
      rlsOverhead: null,
      medseedVersion: packageVersion(),
      signal: new AbortController().signal,
      log: (line) => process.stderr.write(`${line}\n`),
      onInterval: (_stage, _users, point) => {
        if (point.phase !== 'measure') return;
        const mark = { cpu: process.cpuUsage(), at: performance.now() };
        measuredFrom ??= mark;
        measuredTo = mark;
      },
    });
    const from = measuredFrom as { cpu: NodeJS.CpuUsage; at: number };
    const to = measuredTo as { cpu: NodeJS.CpuUsage; at: number };
    const cpuMs = (to.cpu.user + to.cpu.system - from.cpu.user - from.cpu.system) / 1000;
    return { run, clientCpu: cpuMs / Math.max(1, to.at - from.at), peakRssMb: peakRss / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}
function row(name: string, m: Measured): string[] {
  const stage = m.run.stages[0];
  const t = stage?.total;
  return [name, String(stage?.users ?? 0), t ? t.throughputPerS.toFixed(0) : '-', t ? t.p50Ms.toFixed(2) : '-', t ? t.p95Ms.toFixed(2) : '-', String(t?.errors ?? 0), `${(m.clientCpu * 100).toFixed(0)}%`, m.peakRssMb.toFixed(0)];
}

async function memoryRun(url: string, users: number, minutes: number): Promise<void> {
  const samples: { s: number; rssMb: number; heapMb: number }[] = [];
  let next = 0;
  // with --expose-gc (as npm run bench:workload starts it) each sample follows a full collection:
  // what is still reachable, so growth there is a leak, not garbage waiting for the collector
  const collect = (globalThis as { gc?: () => void }).gc;
  const m = await measure(url, defaultCatalogDir(), path.join(defaultCatalogDir(), DEFAULT_MIX_FILE), users, minutes * 60, (seconds) => {
    if (seconds < next) return;
    next = seconds + 10;
    collect?.();
    const usage = process.memoryUsage();
    samples.push({ s: Math.round(seconds), rssMb: usage.rss / 2 ** 20, heapMb: usage.heapUsed / 2 ** 20 });
  });
  const minute = (from: number, to: number) => samples.filter((x) => x.s >= from && x.s < to);
  const avg = (xs: typeof samples, key: 'rssMb' | 'heapMb') => xs.reduce((a, x) => a + x[key], 0) / Math.max(1, xs.length);
  // windows from the first sample (the run's start, after the sample's regeneration) and back from the last
  const start = samples[0]?.s ?? 0;
  const end = samples[samples.length - 1]?.s ?? 0;
  const first = minute(start + 60, start + 120);
  const last = minute(end - 60, end + 1);
  process.stdout.write(`\nMemory over a ${minutes}-minute run of the mix at ${users} users, no think time (${m.run.stages[0]?.total.count ?? 0} operations), ${collect ? 'each sample after a full GC' : 'without --expose-gc: samples include garbage not yet collected'}:\n`);
  printTable(
    ['window', 'samples', 'RSS MB (mean)', 'heap MB (mean)'],
    [
      ['minute 2 (after warm-up)', String(first.length), avg(first, 'rssMb').toFixed(1), avg(first, 'heapMb').toFixed(1)],
      ['last minute', String(last.length), avg(last, 'rssMb').toFixed(1), avg(last, 'heapMb').toFixed(1)],
    ],
  );
  process.stdout.write(`Every 10 s (s: RSS MB / heap MB): ${samples.map((x) => `${x.s}: ${x.rssMb.toFixed(0)}/${x.heapMb.toFixed(0)}`).join(', ')}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      profile: { type: 'string', default: 'ci' },
      users: { type: 'string', default: '16' },
      duration: { type: 'string', default: '20' },
      'memory-minutes': { type: 'string', default: '0' },
    },
  });
  const users = Number(values.users);
  const durationS = Number(values.duration);
  const memoryMinutes = Number(values['memory-minutes']);
  if (!(Number.isInteger(users) && users >= 1) || !(durationS >= 1) || !(memoryMinutes >= 0)) throw new Error('--users must be an integer >= 1, --duration >= 1, --memory-minutes >= 0');
  let url = values.db;
  let scratch = false;
  if (url === undefined) {
    const server = await resolveDatabase(undefined, (line) => process.stderr.write(`${line}\n`));
    url = await createScratchDatabase(server.url, 'medseed_bench_workload');
    scratch = true;
    process.stderr.write(`Seeding a scratch database with profile ${values.profile}\n`);
    await seedDatabase({ url, config: resolveRunConfig({ profile: values.profile }), workers: 0, batchSize: 1000, reset: false, vacuum: false, indexConcurrency: 2 });
  }
  try {
    const ceiling = ceilingFiles();
    const one = await measure(url, ceiling.catalog, ceiling.mix, users, durationS);
    const mix = await measure(url, defaultCatalogDir(), path.join(defaultCatalogDir(), DEFAULT_MIX_FILE), users, durationS);
    process.stdout.write(`\nClient ceiling beside the real mix: ${users} users, no think time, ${durationS} s measured each, ${os.cpus().length} cores shared with the server\n`);
    printTable(['contender', 'users', 'ops/s', 'p50 ms', 'p95 ms', 'errors', 'client CPU', 'peak RSS MB'], [row('SELECT 1 (client ceiling)', one), row('mix (bench/queries)', mix)]);
    const ratio = (mix.run.stages[0]?.total.throughputPerS ?? 0) / Math.max(1e-9, one.run.stages[0]?.total.throughputPerS ?? 0);
    process.stdout.write(`The mix runs at ${(ratio * 100).toFixed(1)}% of the client's ceiling; the client used ${(mix.clientCpu * 100).toFixed(0)}% of one core during it.\n`);
    if (memoryMinutes > 0) await memoryRun(url, users, memoryMinutes);
  } finally {
    if (scratch) await dropScratchDatabase(url);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
