import pLimit from 'p-limit';
import type pg from 'pg';
import { connect } from '../db/connect.js';
import { appliedChecksums, recordMigration } from '../db/migrations/apply-migrations.js';
import { readMigrations, splitStatements, type Migration } from '../db/migrations/read-migrations.js';
import type { Queryable } from '../db/queryable.js';

function postLoadMigrations(): Migration[] {
  return readMigrations().filter((migration) => migration.phase === 'post-load');
}

/**
 * Drops the indexes and constraints that medseed's own post-load migrations created, so a bulk
 * load does not maintain them row by row; they are rebuilt after the load. Only objects named in
 * those migrations are touched.
 */
export async function undoPostLoad(client: Queryable): Promise<string[]> {
  const applied = await appliedChecksums(client);
  const undone: string[] = [];
  for (const migration of postLoadMigrations().reverse()) {
    // An unrecorded migration may still be half applied (its statements commit one by one and a
    // failed load stops part-way), so its objects are dropped too; IF EXISTS makes this idempotent.
    const statements = splitStatements(migration.sql);
    for (const statement of statements) {
      const constraint = /^ALTER TABLE (\w+) ADD CONSTRAINT (\w+)/i.exec(statement);
      if (constraint) await client.query(`ALTER TABLE ${constraint[1]} DROP CONSTRAINT IF EXISTS ${constraint[2]}`);
    }
    for (const statement of statements) {
      const index = /^CREATE (?:UNIQUE )?INDEX (\w+)/i.exec(statement);
      if (index) await client.query(`DROP INDEX IF EXISTS ${index[1]}`);
    }
    if (!applied.has(migration.tag)) continue;
    await client.query('DELETE FROM medseed.schema_migrations WHERE tag = $1', [migration.tag]);
    undone.push(migration.tag);
  }
  return undone;
}

/** Orders index builds by their table's size, so the last build to finish is a small one. */
async function largestTablesFirst(client: Queryable, statements: string[]): Promise<string[]> {
  const sizes = await client.query<{ relname: string; pages: number }>(
    "SELECT relname, relpages AS pages FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'",
  );
  const pages = new Map(sizes.rows.map((row) => [row.relname, Number(row.pages)]));
  const tableOf = (statement: string) => /\bON (\w+)/i.exec(statement)?.[1] ?? '';
  return [...statements].sort((a, b) => (pages.get(tableOf(b)) ?? 0) - (pages.get(tableOf(a)) ?? 0));
}

/**
 * Applies pending post-load migrations after a bulk load: index builds run `concurrency` at a time
 * on separate connections (each index is one sort, so two cores can build two at once), then
 * constraints one by one (foreign keys lock their parent tables, so running them together only
 * queues them).
 */
export async function applyPostLoad(
  admin: Queryable,
  url: string,
  concurrency: number,
  onStatement?: (statement: string, seconds: number) => void,
): Promise<string[]> {
  const applied = await appliedChecksums(admin);
  const pending = postLoadMigrations().filter((migration) => !applied.has(migration.tag));
  const done: string[] = [];
  for (const migration of pending) {
    const statements = splitStatements(migration.sql);
    const indexes = await largestTablesFirst(admin, statements.filter((s) => /^CREATE (UNIQUE )?INDEX/i.test(s)));
    const others = statements.filter((s) => !indexes.includes(s));
    const clients: pg.Client[] = [];
    try {
      for (let i = 0; i < Math.max(1, Math.min(concurrency, indexes.length)); i++) clients.push(await connect(url, 'medseed-index'));
      const free = [...clients];
      const limit = pLimit(clients.length);
      await Promise.all(
        indexes.map((statement) =>
          limit(async () => {
            const client = free.pop() as pg.Client;
            const started = performance.now();
            try {
              await client.query(statement);
            } finally {
              free.push(client);
            }
            onStatement?.(statement, (performance.now() - started) / 1000);
          }),
        ),
      );
    } finally {
      await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    }
    for (const statement of others) {
      const started = performance.now();
      await admin.query(statement);
      onStatement?.(statement, (performance.now() - started) / 1000);
    }
    await recordMigration(admin, migration);
    done.push(migration.tag);
  }
  return done;
}
