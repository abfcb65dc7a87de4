import type { DrawKind } from '../params/draw-kinds.js';

/** The roles a catalog query may run as under RLS (migrations/0001_rls.sql). */
export const BENCH_ROLES = ['medseed_app', 'medseed_org_admin'] as const;
export type BenchRole = (typeof BENCH_ROLES)[number];

/** The two ways every query runs: as the application role under RLS, and as the superuser without it. */
export const BENCH_MODES = ['rls', 'owner'] as const;
export type BenchMode = (typeof BENCH_MODES)[number];

/** One statement with its named parameters bound to $1..$n, in the order `names` lists them. */
export interface BoundStatement {
  readonly text: string;
  readonly names: readonly string[];
}

/** A catalog query, parsed and validated from one `bench/queries/*.sql` file. */
export interface QuerySpec {
  readonly name: string;
  readonly description: string;
  /** Budget for the p95 under RLS, in milliseconds. */
  readonly thresholdMs: number;
  readonly role: BenchRole;
  /** How parameter sets are drawn from the generator (src/bench/params/draw-kinds.ts). */
  readonly draw: DrawKind;
  readonly note: string | undefined;
  /** Path relative to the catalog directory. */
  readonly file: string;
  /** INSERT/UPDATE/DELETE: every execution is rolled back either way, but reports say so. */
  readonly writes: boolean;
  readonly statements: Readonly<Record<BenchMode, BoundStatement>>;
}
