import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { RunConfig } from '../../config/resolve-run-config.js';
import { generateChunks } from '../../runner/generate-chunks.js';
import { writtenColumns, type BoundTable } from '../bind/bound-table.js';
import type { TargetCatalog } from '../catalog/target-catalog.js';
import { qualify, quoteIdent } from '../catalog/quote-ident.js';
import { comparability } from './comparable-columns.js';
import { RowSetDigest } from './row-set-digest.js';

export interface MappedTableCheck {
  readonly table: string;
  readonly expected: { readonly rows: number; readonly digest: string };
  readonly actual: { readonly rows: number; readonly digest: string };
  readonly identical: boolean;
  /** Written columns left out of the comparison, with why. */
  readonly notCompared: readonly string[];
}

function comparedPositions(bound: BoundTable): { keep: number[]; columns: string[]; notCompared: string[] } {
  const keep: number[] = [];
  const columns: string[] = [];
  const notCompared: string[] = [];
  writtenColumns(bound).forEach((column, i) => {
    const why = comparability(column);
    if (why) notCompared.push(`${column.column.name} (${why})`);
    else {
      keep.push(i);
      columns.push(column.column.name);
    }
  });
  return { keep, columns, notCompared };
}

/**
 * Regenerates the run's rows through the mapping and compares each table with the database as a
 * set of rows (count and an order-free digest over the columns PostgreSQL prints exactly as written).
 */
export async function verifyMapped(
  client: pg.Client,
  options: { config: RunConfig; mappingPath: string; catalog: TargetCatalog; tables: readonly BoundTable[]; workers: number; batchSize: number },
): Promise<MappedTableCheck[]> {
  const plans = new Map(options.tables.map((bound) => [bound.table.name, comparedPositions(bound)]));
  const expected = new Map([...plans].map(([name, plan]) => [name, new RowSetDigest(plan.keep)]));
  const decoder = new TextDecoder();
  const chunks = generateChunks(options.config, { workers: options.workers, batchSize: options.batchSize, format: 'copy', lean: true, target: { mappingPath: options.mappingPath, catalog: options.catalog } });
  for await (const chunk of chunks) {
    for (const [table, data] of Object.entries(chunk.mapped!.data)) expected.get(table)!.update(decoder.decode(data));
  }
  const checks: MappedTableCheck[] = [];
  for (const bound of options.tables) {
    const plan = plans.get(bound.table.name)!;
    const actual = new RowSetDigest(plan.columns.map((_, i) => i));
    const select = plan.columns.length ? plan.columns.map(quoteIdent).join(', ') : '1';
    const stream = client.query(copyTo(`COPY (SELECT ${select} FROM ${qualify(bound.table.schema, bound.table.name)}) TO STDOUT`));
    const textDecoder = new TextDecoder();
    for await (const data of stream) actual.update(textDecoder.decode(data as Buffer, { stream: true }));
    const want = expected.get(bound.table.name)!;
    const result = { digest: want.finish(), rows: want.rows };
    const found = { digest: actual.finish(), rows: actual.rows };
    checks.push({ table: bound.table.name, expected: result, actual: found, identical: result.rows === found.rows && result.digest === found.digest, notCompared: plan.notCompared });
  }
  return checks;
}
