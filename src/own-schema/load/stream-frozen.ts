import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { connect } from '../../db/connect.js';
import type { Queryable } from '../../db/queryable.js';
import { generateChunks } from '../../runner/generate-chunks.js';
import { writtenColumns, type BoundTable } from '../bind/bound-table.js';
import { qualify, quoteIdent } from '../catalog/quote-ident.js';
import type { SeedMappedOptions } from './seed-mapped.js';

/**
 * True when no foreign key points at a mapped table (none kept between them, none from elsewhere):
 * then no row needs another table's rows to be committed first, and each table can be truncated
 * and loaded in a transaction of its own.
 */
export async function canStreamFrozen(client: Queryable, schema: string, tables: readonly BoundTable[]): Promise<boolean> {
  const result = await client.query(
    `SELECT 1 FROM pg_constraint WHERE contype = 'f' AND confrelid = ANY(SELECT format('%I.%I', $1::text, t)::regclass FROM unnest($2::text[]) AS t) LIMIT 1`,
    [schema, tables.map((t) => t.table.name)],
  );
  return result.rowCount === 0;
}

interface FrozenCopy {
  readonly source: PassThrough;
  readonly done: Promise<void>;
}

/**
 * One COPY ... FREEZE per table, in the transaction that truncates it (the table is locked and
 * found empty first: rows that arrived since are refused, not truncated): rows are written frozen,
 * and with wal_level = minimal without WAL, as seed loads medseed's own tables.
 */
function startFrozenCopy(client: pg.Client, schema: string, table: string, columns: readonly string[]): FrozenCopy {
  const source = new PassThrough({ highWaterMark: 256 * 1024 });
  const name = qualify(schema, table);
  const done = (async () => {
    try {
      await client.query('BEGIN');
      await client.query(`LOCK TABLE ${name} IN ACCESS EXCLUSIVE MODE`);
      const found = await client.query(`SELECT 1 FROM ${name} LIMIT 1`);
      if (found.rowCount) throw new Error(`${table} received rows from another session while medseed prepared to load it; nothing of it was loaded`);
      await client.query(`TRUNCATE ${name}`);
      await pipeline(source, client.query(copyFrom(`COPY ${name} (${columns.map(quoteIdent).join(', ')}) FROM STDIN WITH (FREEZE)`)));
      await client.query('COMMIT');
    } catch (error) {
      source.destroy();
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  })();
  done.catch(() => undefined);
  return { source, done };
}

/** Streams every chunk into every table's frozen COPY at once; all tables' transactions commit at the end. */
export async function streamFrozen(options: SeedMappedOptions & { url: string }, rows: Record<string, number>): Promise<void> {
  const clients: pg.Client[] = [];
  const copies = new Map<string, FrozenCopy>();
  let failure: unknown;
  try {
    for (const bound of options.tables) {
      const client = await connect(options.url, `medseed-copy-${bound.table.name}`.slice(0, 63));
      clients.push(client);
      const copy = startFrozenCopy(client, options.catalog.schema, bound.table.name, writtenColumns(bound).map((c) => c.column.name));
      copy.done.catch((error: unknown) => {
        failure ??= error;
      });
      copies.set(bound.table.name, copy);
    }
    const chunks = generateChunks(options.config, { workers: options.workers, batchSize: options.batchSize, format: 'copy', lean: true, target: { mappingPath: options.mappingPath, catalog: options.catalog } });
    for await (const chunk of chunks) {
      if (options.signal?.aborted) throw new Error('interrupted');
      if (failure) throw failure;
      const mapped = chunk.mapped!;
      // every table's share at once, so no backend idles while another parses
      await Promise.all(
        [...copies].map(async ([table, copy]) => {
          const data = mapped.data[table]!;
          if (data.byteLength > 0 && !copy.source.write(data)) await Promise.race([once(copy.source, 'drain'), copy.done]);
        }),
      );
      if (failure) throw failure;
      for (const [table, count] of Object.entries(mapped.rows)) rows[table] = (rows[table] ?? 0) + count;
      options.onRows?.(Object.values(mapped.rows).reduce((a, b) => a + b, 0));
    }
    for (const copy of copies.values()) copy.source.end();
    await Promise.all([...copies.values()].map((copy) => copy.done));
  } catch (error) {
    for (const copy of copies.values()) copy.source.destroy(error instanceof Error ? error : new Error(String(error)));
    await Promise.allSettled([...copies.values()].map((copy) => copy.done));
    throw failure ?? error;
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}
