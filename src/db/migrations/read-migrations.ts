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

/** Splits a migration into its statements at drizzle-kit's breakpoints (for running steps in parallel). */
export function splitStatements(sql: string): string[] {
  return sql
    .split('--> statement-breakpoint')
    .flatMap((chunk) => chunk.split(/;\s*\n/))
    .map((statement) => statement.replace(/^(\s*--[^\n]*\n)+/g, '').trim())
    .filter((statement) => statement.length > 0 && !/^(--[^\n]*\n?)*$/.test(statement));
}
