import pLimit from 'p-limit';
import type pg from 'pg';
import { backendPid, connect, connectionLoss } from '../db/connect.js';
import { appliedChecksums, recordMigration } from '../db/migrations/apply-migrations.js';
import type { Queryable } from '../db/queryable.js';
import { PostLoadError } from './post-load-error.js';
import { otherPostLoadStatements, postLoadMigrations, postLoadObjects, type PostLoadObject } from './post-load-objects.js';
import { readPostLoadState } from './post-load-state.js';

/**
 * Drops every index and constraint named in medseed's post-load migrations that exists on its
 * table, whether or not the migration was recorded: a build that failed half-way leaves some
 * objects (and possibly an invalid index) without a record, and a reset must clear those too.
 * Then forgets the post-load migrations, so the next load rebuilds them. One transaction, so the
 * step is all or nothing. Only medseed's names on medseed's tables are touched; a name taken on
 * another table is left alone. Returns the names it dropped.
 */
export async function undoPostLoad(client: Queryable): Promise<string[]> {
  const objects = await readPostLoadState(client, postLoadObjects());
  const present = objects.filter((object) => object.state === 'valid' || object.state === 'invalid');
  const dropped: string[] = [];
  await client.query('BEGIN');
  try {
    // Foreign keys depend on the unique indexes, so they go first.
    for (const object of present.filter((o) => o.kind === 'constraint').reverse()) {
      await client.query(`ALTER TABLE public.${object.table} DROP CONSTRAINT ${object.name}`);
      dropped.push(object.name);
    }
    for (const object of present.filter((o) => o.kind === 'index').reverse()) {
      // IF EXISTS: a primary key's index went with its constraint just above
      await client.query(`DROP INDEX IF EXISTS public.${object.name}`);
      dropped.push(object.name);
    }
    const migrations = await client.query<{ present: boolean }>("SELECT to_regclass('medseed.schema_migrations') IS NOT NULL AS present");
    if (migrations.rows[0]?.present) {
      await client.query('DELETE FROM medseed.schema_migrations WHERE tag = ANY($1::text[])', [postLoadMigrations().map((m) => m.tag)]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return dropped;
}

// How much more a build costs per page of table (TOAST included) than a btree's, measured at 10x: the
// GIN index over note text took 24 s for 71k pages, a btree on audit_logs 8 s for 128k. GIN emits
// every lexeme of every note and gets no parallel workers before PostgreSQL 18; BRIN only reads.
const BUILD_COST_PER_PAGE: Record<string, number> = { gin: 5, brin: 0.2 };

/**
 * Orders index builds longest first (by the table's pages times the method's cost), so the longest
 * build never starts last and leaves one core idle while it runs alone.
 */
async function longestBuildsFirst(client: Queryable, objects: PostLoadObject[]): Promise<PostLoadObject[]> {
  const sizes = await client.query<{ relname: string; pages: number }>(
    // the files' size with TOAST (where note text lives), not relpages: that stays 0 after a COPY
    // until the first index build or ANALYZE
    "SELECT relname, pg_table_size(oid) / 8192 AS pages FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'",
  );
  const pages = new Map(sizes.rows.map((row) => [row.relname, Number(row.pages)]));
  const cost = (object: PostLoadObject) => {
    const method = /\bUSING\s+(\w+)/i.exec(object.statement)?.[1]?.toLowerCase() ?? 'btree';
    return (pages.get(object.table) ?? 0) * (BUILD_COST_PER_PAGE[method] ?? 1);
  };
  return [...objects].sort((a, b) => cost(b) - cost(a));
}

/**
 * What must be built for a migration: objects already there and valid are kept (a resumed or
 * repeated post-load step does not redo them), an invalid leftover is dropped first, and a name
 * taken on another table is an error, since medseed never drops what it did not create.
 */
async function plan(admin: Queryable, objects: readonly PostLoadObject[]): Promise<PostLoadObject[]> {
  const todo: PostLoadObject[] = [];
  for (const object of await readPostLoadState(admin, objects)) {
    if (object.state === 'valid') continue;
    if (object.state === 'elsewhere') {
      throw new PostLoadError(object, new Error(`the name ${object.name} is already taken by an object on another table; rename or drop that object`));
    }
    if (object.state === 'invalid') {
      try {
        await admin.query(object.kind === 'index' ? `DROP INDEX public.${object.name}` : `ALTER TABLE public.${object.table} DROP CONSTRAINT ${object.name}`);
      } catch (error) {
        throw new PostLoadError(object, error);
      }
    }
    todo.push(object);
  }
  return todo;
}

/** Told when each index build starts (on which backend) and ends, for progress and timings. */
export interface IndexBuildObserver {
  started(object: PostLoadObject, pid: number): void;
  finished(object: PostLoadObject, seconds: number): void;
}

export interface PostLoadOptions {
  /** Index builds at once, each on its own connection. */
  readonly concurrency: number;
  /** Run on each index-building session first, e.g. SET maintenance_work_mem (session settings only). */
  readonly sessionSettings?: readonly string[];
  readonly onStatement?: (statement: string, seconds: number) => void;
  readonly observer?: IndexBuildObserver;
}

/**
 * Runs index builds `concurrency` at a time on separate connections (each index is one sort, so two
 * cores can build two at once). After the first failure no new build starts, and the ones running
 * are waited for, so no build is left running on the server when this returns.
 */
async function buildIndexes(url: string, indexes: PostLoadObject[], options: PostLoadOptions): Promise<void> {
  if (indexes.length === 0) return;
  const clients: pg.Client[] = [];
  let failure: PostLoadError | undefined;
  try {
    for (let i = 0; i < Math.max(1, Math.min(options.concurrency, indexes.length)); i++) {
      const client = await connect(url, 'medseed-index');
      clients.push(client);
      for (const setting of options.sessionSettings ?? []) await client.query(setting);
    }
    const free = [...clients];
    const limit = pLimit(clients.length);
    await Promise.allSettled(
      indexes.map((object) =>
        limit(async () => {
          if (failure) return;
          const client = free.pop() as pg.Client;
          const started = performance.now();
          try {
            options.observer?.started(object, backendPid(client) ?? 0);
            await client.query(object.statement);
            const seconds = (performance.now() - started) / 1000;
            options.observer?.finished(object, seconds);
            options.onStatement?.(object.statement, seconds);
          } catch (error) {
            // a connection that died while idle only says "not queryable": report what really happened
            failure ??= new PostLoadError(object, connectionLoss(client) ?? error);
          } finally {
            free.push(client);
          }
        }),
      ),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
  if (failure) throw failure;
}

/**
 * Applies pending post-load migrations after a bulk load: indexes in parallel, then constraints one
 * by one (foreign keys lock their parent tables, so running them together only queues them). Safe
 * to rerun from any partial state: what exists and is valid is kept, invalid leftovers are rebuilt,
 * and the migrations are recorded once all of their objects are in place.
 */
export async function applyPostLoad(admin: Queryable, url: string, options: PostLoadOptions): Promise<string[]> {
  const { onStatement } = options;
  const applied = await appliedChecksums(admin);
  const pending = postLoadMigrations().filter((migration) => !applied.has(migration.tag));
  // Every pending migration's indexes in one pool, longest first, so the cores never wait for one
  // migration's last build before the next migration's begin; then constraints in migration order.
  const todo = await plan(admin, postLoadObjects(pending));
  await buildIndexes(url, await longestBuildsFirst(admin, todo.filter((o) => o.kind === 'index')), options);
  for (const object of todo.filter((o) => o.kind === 'constraint')) {
    const started = performance.now();
    try {
      await admin.query(object.statement);
    } catch (error) {
      throw new PostLoadError(object, error);
    }
    onStatement?.(object.statement, (performance.now() - started) / 1000);
  }
  for (const migration of pending) {
    for (const statement of otherPostLoadStatements(migration)) {
      const started = performance.now();
      await admin.query(statement);
      onStatement?.(statement, (performance.now() - started) / 1000);
    }
    await recordMigration(admin, migration);
  }
  return pending.map((migration) => migration.tag);
}
