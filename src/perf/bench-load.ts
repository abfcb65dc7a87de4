// npm run bench:load [-- --profiles baseline,10x --runs 1 --contenders seed,restore,restore-j2,insert --db URL]
// medseed seed beside what else fills PostgreSQL with the same rows, on the same server, in one run:
//   seed        `medseed seed` end to end (generate, COPY FREEZE, indexes, ANALYZE)
//   restore     pg_restore of a pg_dump of that database (data, post-data, ANALYZE), one job
//   restore-j2  the same with pg_restore -j 2
//   insert      multi-row INSERTs of 1,000 rows with every index present, as drizzle-seed does
//   mapped      `medseed seed --mapping examples/timeline-app/mapping.ts` into that example's own schema
//               (its indexes, foreign keys and triggers in force during the load): the own-schema path
//   mapped-deferred  the same with --defer-indexes all --defer-foreign-keys all: built and checked after the
//               load, as seed does for its own schema
//   floor       seed's own COPY FREEZE, index phase and ANALYZE fed from files generated beforehand
//               (generation not timed): the server's share of a seed, the best any generator can reach
// Without --db it starts a throwaway server from binaries that ship pg_dump/pg_restore of the same
// version (PG_BIN, or Debian's /usr/lib/postgresql/N/bin), with medseed's embedded settings.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveRunConfig } from '../config/resolve-run-config.js';
import { connect } from '../db/connect.js';
import { LOAD_SETTINGS } from '../load/load-settings.js';
import { readServerSettings } from '../db/read-server-settings.js';
import { generateChunks, returnChunk } from '../runner/generate-chunks.js';
import { TABLE_NAMES } from '../tables/table-specs.js';
import { startBenchServer, findServerWithDumpTools, type BenchServer } from './load/bench-server.js';
import { dumpDatabase, runRestoreContender } from './load/restore-contender.js';
import { runSeedContender } from './load/seed-contender.js';
import { runMappedContender } from './load/mapped-contender.js';
import type { FloorResult } from './load/floor-contender.js';
import { runTimed } from './load/run-timed.js';
import { createScratchDatabase, dropScratchDatabase, median, printTable } from './perf-helpers.js';
import { packageRoot } from '../package-root.js';

const CONTENDERS = ['seed', 'mapped', 'mapped-deferred', 'floor', 'restore', 'restore-j2', 'insert'] as const;
type Contender = (typeof CONTENDERS)[number];

interface Measured {
  readonly seconds: number;
  readonly rows: number;
  readonly phases: string;
  readonly peakRssMb: number | undefined;
  /** seed only: seconds of generate+copy, the ingest the generator must outpace */
  readonly copySeconds?: number;
}

const fmt = (seconds: number) => seconds.toFixed(1);

/**
 * Rows per second that the generator alone produces (COPY text, a worker per core, nothing
 * written), each chunk's memory given back once counted, as a seed gives it back once sent.
 */
async function generationRate(profile: string): Promise<number> {
  let rows = 0;
  const started = performance.now();
  for await (const chunk of generateChunks(resolveRunConfig({ profile }), { workers: os.cpus().length, batchSize: 200, format: 'copy', lean: true, returnsChunks: true })) {
    for (const table of TABLE_NAMES) rows += chunk.rows[table];
    returnChunk(chunk);
  }
  return rows / ((performance.now() - started) / 1000);
}

const contenderScript = (name: string) => path.join(packageRoot(), 'dist', 'src', 'perf', 'load', `${name}-main.js`);

async function measure(contender: Contender, server: { url: string; binDir?: string; env: NodeJS.ProcessEnv }, profile: string, dumpFile: string): Promise<Measured> {
  const scratch = await createScratchDatabase(server.url, `medseed_bench_${contender.replace('-', '_')}`);
  try {
    switch (contender) {
      case 'seed': {
        const r = await runSeedContender(scratch, profile, server.env);
        // the dump the restores start from is this very database
        if (server.binDir) await dumpDatabase(server.binDir, scratch, dumpFile);
        const p = r.phases;
        const slow = r.slowestIndexes.map((i) => `${i.index} ${fmt(i.seconds)}`).join(', ');
        process.stderr.write(`  slowest index builds: ${slow}\n`);
        return { seconds: r.seconds, rows: r.rows, phases: `copy ${fmt(p['generate+copy']!)} / index ${fmt(p.indexes!)} / analyze ${fmt(p.analyze!)}`, peakRssMb: r.peakRssMb, copySeconds: p['generate+copy'] };
      }
      case 'restore':
      case 'restore-j2': {
        const r = await runRestoreContender(server.binDir!, scratch, dumpFile, contender === 'restore' ? 1 : 2);
        return { seconds: r.seconds, rows: 0, phases: `data ${fmt(r.phases.data)} / post-data ${fmt(r.phases['post-data'])} / analyze ${fmt(r.phases.analyze)}`, peakRssMb: r.peakRssMb };
      }
      case 'mapped':
      case 'mapped-deferred': {
        const r = await runMappedContender(scratch, profile, server.env, contender === 'mapped-deferred');
        return { seconds: r.seconds, rows: r.rows, phases: `load ${fmt(r.phases.load)} / indexes+keys ${fmt(r.phases.restore)} / analyze ${fmt(r.phases.analyze)}`, peakRssMb: r.peakRssMb };
      }
      case 'floor': {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'medseed-bench-floor-'));
        try {
          const rows = (await runTimed(process.execPath, [contenderScript('floor-contender'), 'generate', dir, profile])).stdout.trim();
          const run = await runTimed(process.execPath, [contenderScript('floor-contender'), 'load', dir, scratch, rows]);
          const r = JSON.parse(run.stdout) as FloorResult;
          return { seconds: r.seconds, rows: r.rows, phases: `copy ${fmt(r.phases.copy)} / index ${fmt(r.phases.indexes)} / analyze ${fmt(r.phases.analyze)}`, peakRssMb: run.peakRssMb };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
      case 'insert': {
        const run = await runTimed(process.execPath, [contenderScript('insert-contender'), scratch, profile]);
        const r = JSON.parse(run.stdout) as { seconds: number; rows: number; phases: { insert: number; analyze: number } };
        return { seconds: r.seconds, rows: r.rows, phases: `insert ${fmt(r.phases.insert)} / analyze ${fmt(r.phases.analyze)}`, peakRssMb: run.peakRssMb };
      }
    }
  } finally {
    await dropScratchDatabase(scratch);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profiles: { type: 'string', default: 'baseline,10x' },
      runs: { type: 'string', default: '1' },
      contenders: { type: 'string', default: CONTENDERS.join(',') },
      db: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  const contenders = values.contenders.split(',') as Contender[];
  const unknown = contenders.filter((c) => !CONTENDERS.includes(c));
  if (!Number.isInteger(runs) || runs < 1 || unknown.length > 0) {
    process.stderr.write(`bench:load: --runs must be a positive integer and --contenders a list of ${CONTENDERS.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}\n`);
    process.exitCode = 2;
    return;
  }
  let owned: BenchServer | undefined;
  let server: { url: string; binDir?: string; env: NodeJS.ProcessEnv };
  if (values.db) {
    server = { url: values.db, binDir: process.env.PG_BIN, env: process.env };
  } else {
    const binDir = await findServerWithDumpTools();
    if (!binDir) {
      process.stderr.write('bench:load: no PostgreSQL with pg_dump and pg_restore found (set PG_BIN, or apt-get install postgresql), or pass --db URL with --contenders seed,insert\n');
      process.exitCode = 2;
      return;
    }
    owned = await startBenchServer(binDir);
    server = owned;
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'medseed-bench-load-dump-'));
  try {
    const client = await connect(server.url, 'medseed-bench-load');
    const settings = await readServerSettings(client, LOAD_SETTINGS);
    await client.end();
    process.stdout.write(`Server: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(', ')}\n`);
    process.stdout.write(`Client: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}; medians of ${runs} run(s)\n\n`);
    const table: string[][] = [];
    for (const profile of values.profiles.split(',')) {
      const dumpFile = path.join(work, `${profile}.dump`);
      const results = new Map<Contender, Measured[]>();
      for (let run = 0; run < runs; run++) {
        // seed first: its database is the one dumped for the restores
        for (const contender of contenders) {
          if (contender.startsWith('restore') && !server.binDir) continue;
          const m = await measure(contender, server, profile, dumpFile);
          results.set(contender, [...(results.get(contender) ?? []), m]);
          process.stderr.write(`${profile} run ${run + 1}: ${contender} ${fmt(m.seconds)} s (${m.phases})\n`);
        }
      }
      const seedSeconds = median((results.get('seed') ?? []).map((m) => m.seconds));
      const rows = results.get('seed')?.[0]?.rows ?? results.get('insert')?.[0]?.rows ?? 0;
      for (const [contender, ms] of results) {
        const seconds = median(ms.map((m) => m.seconds));
        const rss = ms.map((m) => m.peakRssMb).filter((x): x is number => x !== undefined);
        table.push([
          profile,
          contender,
          String(ms[0]!.rows || rows),
          fmt(seconds),
          ms[Math.floor(ms.length / 2)]!.phases,
          seedSeconds ? (seconds / seedSeconds).toFixed(2) : '-',
          String(Math.round((ms[0]!.rows || rows) / seconds)),
          rss.length ? Math.max(...rss).toFixed(0) : '-',
        ]);
      }
      if (results.has('seed')) {
        const generated = await generationRate(profile);
        const ingest = rows / median(results.get('seed')!.map((m) => m.copySeconds ?? m.seconds));
        table.push([profile, 'generate only', String(rows), fmt(rows / generated), 'COPY text in memory, nothing written', '-', String(Math.round(generated)), '-']);
        process.stderr.write(`${profile}: generation ${Math.round(generated)} rows/s = ${(generated / ingest).toFixed(1)}x the seed's COPY ingest rate (${Math.round(ingest)} rows/s)\n`);
      }
    }
    printTable(['profile', 'contender', 'rows', 'seconds', 'phases (s)', 'x seed', 'rows/s', 'peak RSS MB'], table);
  } finally {
    await rm(work, { recursive: true, force: true });
    await owned?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
