import type { Queryable } from '../db/queryable.js';
import { readServerSettings } from '../db/read-server-settings.js';

/** Server settings that change how fast a bulk load runs: recorded with every seed so loads compare knowingly. */
export const LOAD_SETTINGS = [
  'server_version',
  'wal_level',
  'fsync',
  'synchronous_commit',
  'full_page_writes',
  'wal_compression',
  'max_wal_size',
  'checkpoint_timeout',
  'shared_buffers',
  'maintenance_work_mem',
  'max_parallel_maintenance_workers',
  'max_worker_processes',
] as const;

/** How a seed loaded: recorded in medseed.runs.options.load, and shown by bench beside its figures. */
export interface LoadSettings {
  readonly server: Readonly<Record<string, string>>;
  /** Settings medseed set on its own index-building sessions (never on the server). */
  readonly indexSessionSettings: readonly string[];
  readonly indexConcurrency: number;
  readonly copy: 'one COPY FREEZE per table';
}

export async function readLoadSettings(client: Queryable, indexSessionSettings: readonly string[], indexConcurrency: number): Promise<LoadSettings> {
  return { server: await readServerSettings(client, LOAD_SETTINGS), indexSessionSettings, indexConcurrency, copy: 'one COPY FREEZE per table' };
}
