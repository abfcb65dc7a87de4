// npm run bench:generate [-- --profiles baseline,10x --runs 3 --workers N]
// Generation speed per table and overall, single-threaded and with worker threads, printed side
// by side with the rate at which PostgreSQL ingests the same rows by COPY, measured in the same run.
import { parseArgs } from 'node:util';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { resolveRunConfig, type RunConfig } from '../config/resolve-run-config.js';
import { connect } from '../db/connect.js';
import { applyMigrations } from '../db/migrations/apply-migrations.js';
import { resolveDatabase } from '../db/resolve-database.js';
import { defaultWorkers, generateChunks, returnChunk } from '../runner/generate-chunks.js';
import { TABLE_NAMES, TABLE_SPECS, type TableName } from '../tables/table-specs.js';
import { createScratchDatabase, dropScratchDatabase, formatRate, median, printTable } from './perf-helpers.js';

interface Measurement {
  seconds: number;
  rows: Record<TableName, number>;
  bytes: Record<TableName, number>;
  data?: Record<TableName, Buffer[]>;
}

async function measureGeneration(config: RunConfig, workers: number, keep: boolean): Promise<Measurement> {
  const rows = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
  const bytes = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
  const data = keep ? (Object.fromEntries(TABLE_NAMES.map((t) => [t, [] as Buffer[]])) as Record<TableName, Buffer[]>) : undefined;
  const started = performance.now();
  // Chunks kept for the COPY baseline cannot be given back; the others are, as a seed does.
  for await (const chunk of generateChunks(config, { workers, batchSize: 200, format: 'copy', returnsChunks: !keep })) {
    for (const table of TABLE_NAMES) {
      rows[table] += chunk.rows[table];
      bytes[table] += chunk.data[table].byteLength;
      data?.[table].push(Buffer.from(chunk.data[table].buffer, chunk.data[table].byteOffset, chunk.data[table].byteLength));
    }
    if (!keep) returnChunk(chunk);
  }
  return { seconds: (performance.now() - started) / 1000, rows, bytes, ...(data ? { data } : {}) };
}

/** Raw COPY of the same bytes into empty tables (no secondary indexes), one table after another. */
async function measureCopy(url: string, data: Record<TableName, Buffer[]>): Promise<Record<TableName, number>> {
  const scratch = await createScratchDatabase(url, 'medseed_bench_generate');
  const seconds = {} as Record<TableName, number>;
  try {
    const client = await connect(scratch);
    await applyMigrations(client, { upTo: 'schema' });
    for (const spec of TABLE_SPECS) {
      const started = performance.now();
      await pipeline(Readable.from(data[spec.name]), client.query(copyFrom(`COPY public.${spec.name} (${spec.columns.join(', ')}) FROM STDIN`)));
      seconds[spec.name] = (performance.now() - started) / 1000;
    }
    await client.end();
  } finally {
    await dropScratchDatabase(scratch);
  }
  return seconds;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profiles: { type: 'string', default: 'baseline,10x' },
      runs: { type: 'string', default: '3' },
      workers: { type: 'string', default: String(Math.max(2, defaultWorkers())) },
      db: { type: 'string' },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  const workers = Math.max(1, Number(values.workers));
  const database = await resolveDatabase(values.db);
  const summary: string[][] = [];
  let copy: { seconds: Record<TableName, number>; rows: Record<TableName, number> } | undefined;
  for (const profile of values.profiles.split(',')) {
    const config = resolveRunConfig({ profile });
    const single: Measurement[] = [];
    const parallel: Measurement[] = [];
    for (let run = 0; run < runs; run++) {
      single.push(await measureGeneration(config, 0, run === 0 && copy === undefined));
      parallel.push(await measureGeneration(config, workers, false));
    }
    const first = single[0]!;
    if (!copy && first.data) {
      copy = { seconds: await measureCopy(database.url, first.data), rows: first.rows };
      delete first.data;
    }
    const t1 = median(single.map((m) => m.seconds));
    const tn = median(parallel.map((m) => m.seconds));
    const totalRows = TABLE_NAMES.reduce((sum, t) => sum + first.rows[t], 0);
    const totalBytes = TABLE_NAMES.reduce((sum, t) => sum + first.bytes[t], 0);
    process.stdout.write(`\nProfile ${profile} (median of ${runs} runs)\n\n`);
    printTable(
      ['table', 'rows', 'MB', 'gen rows/s (1 thread)', `gen rows/s (${workers} workers)`, 'gen MB/s (1 thread)'],
      TABLE_NAMES.map((t) => [
        t,
        String(first.rows[t]),
        (first.bytes[t] / 1e6).toFixed(1),
        formatRate(first.rows[t], t1),
        formatRate(first.rows[t], tn),
        (first.bytes[t] / 1e6 / t1).toFixed(1),
      ]),
    );
    summary.push(
      [`${profile}, 1 thread`, String(totalRows), (totalBytes / 1e6).toFixed(1), t1.toFixed(2), formatRate(totalRows, t1), (totalBytes / 1e6 / t1).toFixed(1)],
      [`${profile}, ${workers} workers`, String(totalRows), (totalBytes / 1e6).toFixed(1), tn.toFixed(2), formatRate(totalRows, tn), (totalBytes / 1e6 / tn).toFixed(1)],
    );
  }
  if (copy) {
    const { seconds, rows } = copy;
    process.stdout.write('Baseline in the same run: raw COPY of the same rows (baseline profile) into empty tables without secondary indexes, one table after another\n\n');
    printTable(
      ['table', 'rows', 'COPY s', 'COPY rows/s'],
      TABLE_NAMES.map((t) => [t, String(rows[t]), seconds[t].toFixed(2), formatRate(rows[t], seconds[t])]),
    );
    const copyRows = TABLE_NAMES.reduce((sum, t) => sum + rows[t], 0);
    const copySeconds = TABLE_NAMES.reduce((sum, t) => sum + seconds[t], 0);
    summary.push(['PostgreSQL COPY (baseline rows)', String(copyRows), '', copySeconds.toFixed(2), formatRate(copyRows, copySeconds), '']);
    const copyRate = copyRows / copySeconds;
    process.stdout.write('Overall\n\n');
    printTable(
      ['', 'rows', 'MB', 'seconds', 'rows/s', 'MB/s', 'x COPY rate'],
      summary.map((row) => [...row, row[0]!.startsWith('PostgreSQL') ? '1.0x' : `${(Number(row[1]) / Number(row[3]) / copyRate).toFixed(1)}x`]),
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
