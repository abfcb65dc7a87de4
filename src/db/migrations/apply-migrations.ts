import type { Queryable } from '../queryable.js';
import { derivePlannedObjects, objectsToCreate, type PlannedObject } from './derive-planned-objects.js';
import { findConflicts } from './find-conflicts.js';
import { MigrationConflictError } from './migration-conflict-error.js';
import { readMigrations, type Migration, type MigrationPhase } from './read-migrations.js';
import { takeRetiredNotices } from './retired-migrations.js';

export interface ApplyOptions {
  /** "schema" skips post-load steps (the bulk loader applies those after COPY). */
  readonly upTo?: MigrationPhase;
  readonly migrations?: readonly Migration[];
  /** Told which migrations were applied, once they are committed. */
  readonly log?: (line: string) => void;
  /**
   * Told once about retired migrations this database recorded (e.g. 0004's LEAKPROOF mark).
   * Without it nothing is marked as told, so a caller that prints nothing never swallows a notice.
   */
  readonly onNotice?: (text: string) => void;
}

// Any constant works; it only has to be the same for every medseed process.
const MIGRATION_LOCK = 4_826_199_311;

// medseed's own bookkeeping. Created (without IF NOT EXISTS) only in a database medseed never
// migrated, so a user's own schema "medseed" is reported as a conflict instead of being adopted.
const BOOKKEEPING: Migration = {
  tag: 'medseed.schema_migrations',
  phase: 'schema',
  checksum: '',
  sql: `
    CREATE SCHEMA medseed;
    CREATE TABLE medseed.schema_migrations (
      tag text PRIMARY KEY,
      phase text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`,
};

function plannedObjects(migrations: readonly Migration[]): PlannedObject[] {
  return migrations.flatMap((migration) => derivePlannedObjects(migration.sql, migration.tag).objects);
}

/**
 * Applies pending migrations in order, recording them in medseed.schema_migrations. First it
 * checks that nothing they would create already exists (MigrationConflictError, exit 2, naming
 * every object); then it runs them all, with the bookkeeping, in ONE transaction, so a failure
 * anywhere leaves the database exactly as it was. Safe to run twice and from concurrent processes.
 * Returns the tags it applied.
 */
export async function applyMigrations(client: Queryable, options: ApplyOptions = {}): Promise<string[]> {
  const migrations = options.migrations ?? readMigrations();
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  let failed = false;
  try {
    const hasBookkeeping = await bookkeepingExists(client);
    const done = await appliedChecksums(client);
    for (const migration of migrations) {
      const recorded = done.get(migration.tag);
      if (recorded !== undefined && recorded !== migration.checksum) {
        throw new Error(
          `migration ${migration.tag} was changed after it was applied (checksum differs). ` +
            'Migrations are forward-only: revert the edit and add a new migration instead.',
        );
      }
    }
    // Post-load steps wait for the bulk loader (applyPostLoad); later schema steps still apply.
    const pending = migrations.filter(
      (migration) => !done.has(migration.tag) && !(options.upTo === 'schema' && migration.phase === 'post-load'),
    );
    // Post-load steps left for the bulk loader are checked now too, so a seed does not load every
    // row only to fail on a user's object named like one of its indexes. What an interrupted index
    // build left on medseed's own tables is the bulk loader's to handle.
    const deferred = migrations.filter((migration) => !done.has(migration.tag) && !pending.includes(migration));
    const tellRetired = options.onNotice !== undefined && hasBookkeeping;
    if (pending.length === 0 && deferred.length === 0 && !tellRetired) return [];

    const creating = hasBookkeeping ? pending : [BOOKKEEPING, ...pending];
    const applied = migrations.filter((migration) => done.has(migration.tag));
    await assertNoConflicts(client, applied, creating, deferred);
    if (pending.length === 0 && !tellRetired) return [];

    const notices = await retryOnConcurrentRoleCreation(() => inOneTransaction(client, async () => {
      // Unqualified names in migrations mean public; a "$user" schema named like the role
      // (e.g. medseed) must not capture them.
      await client.query('SET LOCAL search_path TO public');
      for (const migration of creating) {
        try {
          await client.query(migration.sql);
        } catch (error) {
          throw new Error(
            `migration ${migration.tag} failed: ${(error as Error).message}. ` +
              `Nothing was changed: all ${pending.length} pending migration(s) ran in one transaction, rolled back.`,
            { cause: error },
          );
        }
        if (migration !== BOOKKEEPING) await recordMigration(client, migration);
      }
      return tellRetired ? takeRetiredNotices(client) : [];
    }));
    for (const migration of pending) options.log?.(`applied ${migration.tag}`);
    for (const notice of notices) options.onNotice?.(notice);
    return pending.map((migration) => migration.tag);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // After a failure the connection may be gone; the server drops a dead session's lock itself,
    // and the original error is the one worth reporting.
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch((error: unknown) => {
      if (!failed) throw error;
    });
  }
}

/** Throws MigrationConflictError, before anything is created, when an object to create already exists. */
async function assertNoConflicts(
  client: Queryable,
  applied: readonly Migration[],
  creating: readonly Migration[],
  deferred: readonly Migration[],
): Promise<void> {
  const medseedTables = new Set(
    plannedObjects(applied)
      .filter((object) => object.label === 'table' && !object.dropped)
      .map((object) => `${object.schema}.${object.name}`),
  );
  const deferredTags = new Set(deferred.map((migration) => migration.tag));
  const conflicts = (await findConflicts(client, objectsToCreate(plannedObjects([...creating, ...deferred])), medseedTables)).filter(
    (conflict) => !(conflict.onMedseedTable && deferredTags.has(conflict.planned.migration)),
  );
  if (conflicts.length > 0) throw new MigrationConflictError(conflicts);
}

async function inOneTransaction<T>(client: Queryable, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // A dead connection rolls back on the server side anyway.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await client.query('COMMIT');
  return result;
}

/** Records a migration as applied; used by the bulk loader after running a post-load step itself. */
export async function recordMigration(client: Queryable, migration: Migration): Promise<void> {
  await client.query('INSERT INTO medseed.schema_migrations (tag, phase, checksum) VALUES ($1, $2, $3)', [
    migration.tag,
    migration.phase,
    migration.checksum,
  ]);
}

async function bookkeepingExists(client: Queryable): Promise<boolean> {
  const exists = await client.query<{ present: boolean }>(
    "SELECT to_regclass('medseed.schema_migrations') IS NOT NULL AS present",
  );
  return exists.rows[0]?.present ?? false;
}

/**
 * Tags of applied migrations with their checksums; empty when medseed never migrated this database.
 * Retired migrations (see retired-migrations.ts) may be among them.
 */
export async function appliedChecksums(client: Queryable): Promise<Map<string, string>> {
  if (!(await bookkeepingExists(client))) return new Map();
  const result = await client.query<{ tag: string; checksum: string }>(
    'SELECT tag, checksum FROM medseed.schema_migrations',
  );
  return new Map(result.rows.map((row) => [row.tag, row.checksum]));
}

/** Whether a migration of `phase` is not yet recorded here (the state applyMigrations would change). */
export async function hasPendingMigrations(client: Queryable, phase: MigrationPhase): Promise<boolean> {
  const applied = await appliedChecksums(client);
  return readMigrations().some((migration) => migration.phase === phase && !applied.has(migration.tag));
}

/**
 * Roles are cluster-wide but the migration lock is per database: two databases of one cluster
 * migrating at once can both see medseed's roles missing, and the second CREATE ROLE then fails.
 * The transaction rolled back whole, and on a second try the guarded CREATE ROLE sees the role the
 * other migration committed, so trying again is safe.
 */
async function retryOnConcurrentRoleCreation<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isConcurrentRoleCreation(error)) throw error;
    }
  }
}

function isConcurrentRoleCreation(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const { code, message } = current as { code?: string; message?: string };
    if ((code === '42710' && /role/i.test(message ?? '')) || (code === '23505' && /pg_authid/.test(message ?? ''))) return true;
  }
  return false;
}
