import type pg from 'pg';
import { resolveRunConfig } from '../../config/resolve-run-config.js';
import { connect } from '../../db/connect.js';
import { applyMigrations } from '../../db/migrations/apply-migrations.js';
import { applyPostLoad } from '../../load/post-load.js';
import { generateChunks } from '../../runner/generate-chunks.js';
import { TABLE_NAMES, TABLE_SPECS, type TableSpec } from '../../tables/table-specs.js';
import { decodeCopyRows } from './decode-copy-text.js';

export const INSERT_BATCH_ROWS = 1000;

export interface InsertResult {
  readonly seconds: number;
  readonly rows: number;
  readonly phases: Readonly<Record<'insert' | 'analyze', number>>;
}

async function insertBatch(client: pg.Client, spec: TableSpec, rows: readonly (string | null)[][]): Promise<void> {
  const width = spec.columns.length;
  const tuples = rows.map((_, r) => `(${spec.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`);
  await client.query(`INSERT INTO public.${spec.name} (${spec.columns.join(', ')}) VALUES ${tuples.join(', ')}`, rows.flat());
}

/**
 * The seeding a TypeScript team would write without medseed (what drizzle-seed does): the schema
 * with every index and constraint in place, then the same rows sent as multi-row INSERTs of
 * INSERT_BATCH_ROWS, parents first, on one connection, then ANALYZE. The rows are medseed's own
 * (generated in this process), so only the way they reach PostgreSQL differs.
 */
export async function runInsertContender(url: string, profile: string): Promise<InsertResult> {
  const config = resolveRunConfig({ profile });
  const client = await connect(url, 'medseed-bench-insert');
  try {
    await applyMigrations(client, { upTo: 'schema' });
    await applyPostLoad(client, url, { concurrency: 2 });
    const started = performance.now();
    let total = 0;
    const decoder = new TextDecoder();
    for await (const chunk of generateChunks(config, { workers: 2, batchSize: 200, format: 'copy', lean: true })) {
      for (const spec of TABLE_SPECS) {
        const rows = decodeCopyRows(decoder.decode(chunk.data[spec.name]));
        for (let i = 0; i < rows.length; i += INSERT_BATCH_ROWS) await insertBatch(client, spec, rows.slice(i, i + INSERT_BATCH_ROWS));
        total += rows.length;
      }
    }
    const insert = (performance.now() - started) / 1000;
    const analyzeStarted = performance.now();
    for (const table of TABLE_NAMES) await client.query(`ANALYZE public.${table}`);
    const analyze = (performance.now() - analyzeStarted) / 1000;
    return { seconds: insert + analyze, rows: total, phases: { insert, analyze } };
  } finally {
    await client.end();
  }
}
