import type { Queryable } from '../../db/queryable.js';
import { qualify, quoteIdent } from '../catalog/quote-ident.js';
import pLimit from 'p-limit';
import type pg from 'pg';
import { connect } from '../../db/connect.js';
import type { SetAside } from './mapped-runs.js';

/** Extra connections to re-create indexes on, several at once (each build is one sort: cores in parallel). */
export interface IndexBuilders {
  readonly url: string;
  readonly concurrency: number;
}

/**
 * Re-creates indexes, the largest tables' first so the longest build never starts last; with
 * builders, that many at a time. After a failure no new build starts and the running ones are
 * waited for, so none is left running when this throws.
 */
async function buildIndexes(client: Queryable, schema: string, indexes: SetAside['indexes'], builders?: IndexBuilders): Promise<void> {
  if (indexes.length === 0) return;
  const sizes = await client.query<{ table: string; bytes: string }>(
    `SELECT t AS table, pg_table_size(format('%I.%I', $1::text, t)::regclass)::text AS bytes FROM unnest($2::text[]) AS t`,
    [schema, [...new Set(indexes.map((index) => index.table))]],
  );
  const bytes = new Map(sizes.rows.map((row) => [row.table, Number(row.bytes)]));
  const ordered = [...indexes].sort((a, b) => bytes.get(b.table)! - bytes.get(a.table)! || a.name.localeCompare(b.name));
  if (!builders || builders.concurrency <= 1) {
    for (const index of ordered) await client.query(index.definition);
    return;
  }
  const clients: pg.Client[] = [];
  try {
    for (let i = 0; i < Math.min(builders.concurrency, ordered.length); i++) clients.push(await connect(builders.url, 'medseed-index'));
    const free = [...clients];
    const limit = pLimit(clients.length);
    let failure: unknown;
    await Promise.all(
      ordered.map((index) =>
        limit(async () => {
          if (failure) return;
          const builder = free.pop()!;
          try {
            await builder.query(index.definition);
          } catch (error) {
            failure ??= error;
          } finally {
            free.push(builder);
          }
        }),
      ),
    );
    if (failure) throw failure;
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

/**
 * Drops the indexes and foreign keys a run was told to defer and disables user triggers when asked, exactly what
 * was recorded beforehand, and puts them back. Putting back is idempotent (IF NOT EXISTS cannot
 * be added to an arbitrary pg_get_indexdef, so an index found present is skipped), so a repair of
 * a run that died half way through its own restore is safe.
 */
export async function setAside(client: Queryable, schema: string, objects: SetAside): Promise<void> {
  for (const key of objects.foreignKeys) await client.query(`ALTER TABLE ${qualify(schema, key.table)} DROP CONSTRAINT ${quoteIdent(key.name)}`);
  for (const index of objects.indexes) await client.query(`DROP INDEX ${qualify(schema, index.name)}`);
  for (const table of objects.triggersDisabledOn) await client.query(`ALTER TABLE ${qualify(schema, table)} DISABLE TRIGGER USER`);
}

export async function putBack(client: Queryable, schema: string, objects: SetAside, builders?: IndexBuilders): Promise<string[]> {
  const done: string[] = [];
  const missing: SetAside['indexes'][number][] = [];
  for (const index of objects.indexes) {
    const present = await client.query(`SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`, [schema, index.name]);
    if (!present.rowCount) missing.push(index);
  }
  await buildIndexes(client, schema, missing, builders);
  done.push(...missing.map((index) => `index ${index.name} re-created`));
  // after the indexes: adding a key back checks every row in one join, helped by the indexes
  for (const key of objects.foreignKeys) {
    const present = await client.query(
      `SELECT 1 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = $1 AND t.relname = $2 AND c.conname = $3`,
      [schema, key.table, key.name],
    );
    if (present.rowCount) continue;
    await client.query(`ALTER TABLE ${qualify(schema, key.table)} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`);
    done.push(`foreign key ${key.name} added back and checked`);
  }
  for (const table of objects.triggersDisabledOn) {
    await client.query(`ALTER TABLE ${qualify(schema, table)} ENABLE TRIGGER USER`);
    done.push(`triggers of ${quoteIdent(table)} enabled`);
  }
  return done;
}
