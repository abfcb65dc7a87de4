import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../package-root.js';

export const MIGRATION_PHASES = ['schema', 'post-load'] as const;
export type MigrationPhase = (typeof MIGRATION_PHASES)[number];

export interface Migration {
  /** drizzle-kit journal tag, e.g. "0001_rls": the migration's identity. */
  readonly tag: string;
  /** "post-load" steps (indexes, constraints) are deferred by the bulk loader until after COPY. */
  readonly phase: MigrationPhase;
  readonly sql: string;
  readonly checksum: string;
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

const PHASE_MARKER = /^--\s*medseed:phase=([a-z-]+)\s*$/m;

/** Reads the migrations in drizzle-kit's journal order. */
export function readMigrations(dir = path.join(packageRoot(), 'migrations')): Migration[] {
  const journal = JSON.parse(readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => {
      const sql = readFileSync(path.join(dir, `${tag}.sql`), 'utf8');
      const marker = PHASE_MARKER.exec(sql)?.[1] ?? 'schema';
      if (!(MIGRATION_PHASES as readonly string[]).includes(marker)) {
        throw new Error(`migrations/${tag}.sql: unknown phase "${marker}"; use one of ${MIGRATION_PHASES.join(', ')}`);
      }
      const checksum = createHash('sha256').update(sql).digest('hex');
      return { tag, phase: marker as MigrationPhase, sql, checksum };
    });
}

/**
 * Splits a migration into statements at top-level semicolons (for running index builds in
 * parallel). Aware of quotes, dollar-quoted bodies (DO $$ ... $$) and comments; drizzle-kit's
 * breakpoint markers are comments too.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const dollar = /^\$[A-Za-z_]*\$/.exec(rest);
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
      current += '\n';
    } else if (dollar) {
      const close = sql.indexOf(dollar[0], i + dollar[0].length);
      const end = close === -1 ? sql.length : close + dollar[0].length;
      current += sql.slice(i, end);
      i = end;
    } else if (sql[i] === "'") {
      let end = i + 1;
      while (end < sql.length && !(sql[end] === "'" && sql[end + 1] !== "'")) end += sql[end] === "'" ? 2 : 1;
      current += sql.slice(i, end + 1);
      i = end + 1;
    } else if (sql[i] === ';') {
      statements.push(current.trim());
      current = '';
      i++;
    } else {
      current += sql[i];
      i++;
    }
  }
  statements.push(current.trim());
  return statements.filter((statement) => statement.length > 0);
}
