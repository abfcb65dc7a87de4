import os from 'node:os';
import type { Queryable } from '../../db/queryable.js';
import { TABLE_NAMES } from '../../tables/table-specs.js';
import { readLeakproofSearch } from '../../db/leakproof-search.js';
import { readServerSettings } from '../../db/read-server-settings.js';
import { LOAD_SETTINGS, type LoadSettings } from '../../load/load-settings.js';
import { latestRun } from '../../load/run-record.js';

// Settings that change plans or latency: recorded so two runs can be compared knowingly.
const SETTINGS = [
  'shared_buffers',
  'work_mem',
  'effective_cache_size',
  'random_page_cost',
  'seq_page_cost',
  'effective_io_concurrency',
  'max_parallel_workers_per_gather',
  'max_connections',
  'jit',
  'plan_cache_mode',
  'default_statistics_target',
  'compute_query_id',
  'track_io_timing',
  'shared_preload_libraries',
  'server_version',
  // how the database was loaded (wal_level, fsync, ...): a seed under other settings is another experiment
  ...LOAD_SETTINGS,
] as const;

export interface TableSize {
  readonly rows: number;
  readonly bytes: number;
}

export interface BenchEnvironment {
  readonly serverVersion: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly tables: Readonly<Record<string, TableSize>>;
  /** How the benched data was loaded (the latest seed run's record); null when not recorded (older medseed, or not seeded by medseed). */
  readonly load?: LoadSettings | null;
  /** ts_match_vq (behind @@) LEAKPROOF in this database; null when unknown (absent in medseed-bench/1). */
  readonly textSearchLeakproof?: boolean | null;
  readonly client: { readonly node: string; readonly platform: string; readonly cpus: number; readonly memoryGb: number };
}

/** Which tables to size, and whether medseed.runs says how they were loaded. */
export interface EnvironmentScope {
  readonly schema: string;
  readonly tables: readonly string[];
  /** medseed.runs records the loads of the reference schema only: a user's schema has no such record. */
  readonly loadRecorded: boolean;
}

const REFERENCE_SCOPE: EnvironmentScope = { schema: 'public', tables: TABLE_NAMES, loadRecorded: true };

/** Server version and settings, table sizes, whether text search is LEAKPROOF, and the client machine. */
export async function describeEnvironment(client: Queryable, scope: EnvironmentScope = REFERENCE_SCOPE): Promise<BenchEnvironment> {
  const version = await client.query<{ version: string }>('SELECT version()');
  const settings = await readServerSettings(client, SETTINGS);
  const tables = await client.query<{ name: string; rows: number; bytes: string }>(
    `SELECT c.relname AS name, greatest(c.reltuples, 0)::float8 AS rows, pg_total_relation_size(c.oid) AS bytes
     FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $2) AND c.relkind = 'r' AND c.relname = ANY($1::text[])
     ORDER BY c.relname`,
    [scope.tables, scope.schema],
  );
  return {
    serverVersion: version.rows[0]?.version ?? 'unknown',
    settings,
    tables: Object.fromEntries(tables.rows.map((row) => [row.name, { rows: Math.round(row.rows), bytes: Number(row.bytes) }])),
    textSearchLeakproof: await readLeakproofSearch(client),
    load: scope.loadRecorded ? (((await latestRun(client))?.options as { load?: LoadSettings } | null | undefined)?.load ?? null) : null,
    client: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
  };
}
