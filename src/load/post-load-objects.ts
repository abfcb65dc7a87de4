import { readMigrations, splitStatements, type Migration } from '../db/migrations/read-migrations.js';

export const POST_LOAD_OBJECT_KINDS = ['index', 'constraint'] as const;
export type PostLoadObjectKind = (typeof POST_LOAD_OBJECT_KINDS)[number];

/** One index or constraint that a post-load migration creates, with the statement that creates it. */
export interface PostLoadObject {
  readonly kind: PostLoadObjectKind;
  readonly name: string;
  readonly table: string;
  readonly statement: string;
  readonly migration: string;
}

const INDEX = /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s+ON\s+(?:ONLY\s+)?(?:public\.)?(\w+)/i;
const CONSTRAINT = /^ALTER\s+TABLE\s+(?:ONLY\s+)?(?:public\.)?(\w+)\s+ADD\s+CONSTRAINT\s+(\w+)/i;

export function postLoadMigrations(): Migration[] {
  return readMigrations().filter((migration) => migration.phase === 'post-load');
}

/**
 * The indexes and constraints named in medseed's post-load migrations, in migration order. These
 * names on medseed's own tables are medseed's: undoing and checking the post-load step go by them,
 * not by what medseed.schema_migrations records, so any partial state can be found.
 */
export function postLoadObjects(migrations: readonly Migration[] = postLoadMigrations()): PostLoadObject[] {
  const objects: PostLoadObject[] = [];
  for (const migration of migrations) {
    for (const statement of splitStatements(migration.sql)) {
      const index = INDEX.exec(statement);
      const constraint = CONSTRAINT.exec(statement);
      if (index) objects.push({ kind: 'index', name: index[1]!, table: index[2]!, statement, migration: migration.tag });
      else if (constraint) objects.push({ kind: 'constraint', name: constraint[2]!, table: constraint[1]!, statement, migration: migration.tag });
    }
  }
  return objects;
}

/**
 * A post-load migration's other statements (e.g. a DO block): run after its indexes and
 * constraints. They must be safe to repeat, since a failed step is retried from the start.
 */
export function otherPostLoadStatements(migration: Migration): string[] {
  return splitStatements(migration.sql).filter((statement) => !INDEX.test(statement) && !CONSTRAINT.test(statement));
}
