import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { RunConfig } from '../../config/resolve-run-config.js';
import { generateChunks } from '../../runner/generate-chunks.js';
import { writtenColumns, type BoundTable } from '../bind/bound-table.js';
import type { TargetCatalog } from '../catalog/target-catalog.js';
import { qualify, quoteIdent } from '../catalog/quote-ident.js';
import { firesOnInsert } from '../catalog/fires-on-insert.js';
import { copyChunk, type CopyTarget } from '../load/copy-chunk.js';
import { RowSetDigest } from './row-set-digest.js';

export interface MappedTableCheck {
  readonly table: string;
  readonly expected: { readonly rows: number; readonly digest: string };
  readonly actual: { readonly rows: number; readonly digest: string };
  readonly identical: boolean;
  /** Triggers that fire on INSERT: they may have changed the rows as they were loaded. */
  readonly insertTriggers: readonly string[];
}

const expectedTable = (i: number) => `medseed_expected_${i}`;

async function digestOf(client: pg.Client, sql: string, columns: number): Promise<{ rows: number; digest: string }> {
  const digest = new RowSetDigest(Array.from({ length: columns }, (_, i) => i));
  const decoder = new TextDecoder();
  for await (const data of client.query(copyTo(sql))) digest.update(decoder.decode(data as Buffer, { stream: true }));
  const value = digest.finish();
  return { rows: digest.rows, digest: value };
}

/**
 * Regenerates the run's rows through the mapping and compares each table with the database as a
 * multiset of rows. The expected rows go through PostgreSQL's own input functions first (into
 * temporary copies of the tables' column types), so a timestamp(3), a numeric(10,2), a float or a
 * json column compares as the server stores it, and both sides are read back the same way.
 */
export async function verifyMapped(
  client: pg.Client,
  options: { config: RunConfig; mappingPath: string; catalog: TargetCatalog; tables: readonly BoundTable[]; workers: number; batchSize: number },
): Promise<MappedTableCheck[]> {
  const targets: CopyTarget[] = [];
  const columnsOf = (bound: BoundTable) => writtenColumns(bound).map((c) => c.column.name);
  options.tables.forEach((bound, i) => targets.push({ table: expectedTable(i), columns: columnsOf(bound) }));
  for (const [i, bound] of options.tables.entries()) {
    // the written columns' exact types (typmods included), without constraints, defaults or sequences
    const columns = columnsOf(bound);
    await client.query(`CREATE TEMP TABLE ${expectedTable(i)} AS SELECT ${columns.length ? columns.map(quoteIdent).join(', ') : '1 AS none'} FROM ${qualify(bound.table.schema, bound.table.name)} WITH NO DATA`);
  }
  try {
    const index = new Map(options.tables.map((bound, i) => [bound.table.name, i]));
    const chunks = generateChunks(options.config, { workers: options.workers, batchSize: options.batchSize, format: 'copy', lean: true, target: { mappingPath: options.mappingPath, catalog: options.catalog } });
    for await (const chunk of chunks) {
      const renamed = { data: {} as Record<string, Uint8Array>, rows: {} as Record<string, number> };
      for (const [table, data] of Object.entries(chunk.mapped!.data)) renamed.data[expectedTable(index.get(table)!)] = data;
      await copyChunk(client, 'pg_temp', targets, renamed);
    }
    const checks: MappedTableCheck[] = [];
    for (const [i, bound] of options.tables.entries()) {
      const columns = columnsOf(bound);
      const select = columns.length ? columns.map(quoteIdent).join(', ') : '1';
      const expected = await digestOf(client, `COPY (SELECT ${select} FROM pg_temp.${expectedTable(i)}) TO STDOUT`, Math.max(1, columns.length));
      const actual = await digestOf(client, `COPY (SELECT ${select} FROM ${qualify(bound.table.schema, bound.table.name)}) TO STDOUT`, Math.max(1, columns.length));
      const insertTriggers = bound.table.triggers.filter(firesOnInsert).map((t) => t.name);
      checks.push({ table: bound.table.name, expected, actual, identical: expected.rows === actual.rows && expected.digest === actual.digest, insertTriggers });
    }
    return checks;
  } finally {
    for (const i of options.tables.keys()) await client.query(`DROP TABLE IF EXISTS pg_temp.${expectedTable(i)}`).catch(() => undefined);
  }
}
