import type { Queryable } from '../queryable.js';
import { readMigrations, type Migration, type MigrationPhase } from './read-migrations.js';

export interface ApplyOptions {
  /** "schema" skips post-load steps (the bulk loader applies those after COPY). */
  readonly upTo?: MigrationPhase;
  readonly migrations?: readonly Migration[];
  readonly log?: (line: string) => void;
}

// Any constant works; it only has to be the same for every medseed process.
const MIGRATION_LOCK = 4_826_199_311;

/**
 * Applies pending migrations in order, each in its own transaction, recording them in
 * medseed.schema_migrations. Safe to run twice and from concurrent processes.
 * Returns the tags it applied.
 */
export async function applyMigrations(client: Queryable, options: ApplyOptions = {}): Promise<string[]> {
  const migrations = options.migrations ?? readMigrations();
  const applied: string[] = [];
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS medseed;
      CREATE TABLE IF NOT EXISTS medseed.schema_migrations (
        tag text PRIMARY KEY,
        phase text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const done = await appliedChecksums(client);
    for (const migration of migrations) {
      const recorded = done.get(migration.tag);
      if (recorded !== undefined) {
        if (recorded !== migration.checksum) {
          throw new Error(
            `migration ${migration.tag} was changed after it was applied (checksum differs). ` +
              'Migrations are forward-only: revert the edit and add a new migration instead.',
          );
        }
        continue;
      }
      // Post-load steps wait for the bulk loader (applyPostLoad); later schema steps still apply.
      if (options.upTo === 'schema' && migration.phase === 'post-load') continue;
      await client.query('BEGIN');
      try {
        // Unqualified names in migrations mean public; a "$user" schema named like the role
        // (e.g. medseed) must not capture them.
        await client.query('SET LOCAL search_path TO public');
        await client.query(migration.sql);
        await recordMigration(client, migration);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.tag} failed: ${(error as Error).message}`, { cause: error });
      }
      options.log?.(`applied ${migration.tag}`);
      applied.push(migration.tag);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
  return applied;
}

/** Records a migration as applied; used by the bulk loader after running a post-load step itself. */
export async function recordMigration(client: Queryable, migration: Migration): Promise<void> {
  await client.query('INSERT INTO medseed.schema_migrations (tag, phase, checksum) VALUES ($1, $2, $3)', [
    migration.tag,
    migration.phase,
    migration.checksum,
  ]);
}

/** Tags of applied migrations with their checksums; empty when medseed never migrated this database. */
export async function appliedChecksums(client: Queryable): Promise<Map<string, string>> {
  const exists = await client.query<{ present: boolean }>(
    "SELECT to_regclass('medseed.schema_migrations') IS NOT NULL AS present",
  );
  if (!exists.rows[0]?.present) return new Map();
  const result = await client.query<{ tag: string; checksum: string }>(
    'SELECT tag, checksum FROM medseed.schema_migrations',
  );
  return new Map(result.rows.map((row) => [row.tag, row.checksum]));
}
