/**
 * Settings for a local development server that mostly bulk-loads and benchmarks. Durability stays on
 * (fsync) so a crash never corrupts the cluster; only the last few commits may be lost.
 */
export const serverSettings = {
  listen_addresses: '127.0.0.1',
  shared_preload_libraries: 'pg_stat_statements',
  max_connections: '100',
  shared_buffers: '512MB',
  work_mem: '32MB',
  maintenance_work_mem: '512MB',
  // Commits return before the WAL flush: large speedup for many small transactions, no corruption risk.
  synchronous_commit: 'off',
  // Few checkpoints during multi-GB COPY runs.
  max_wal_size: '4GB',
  checkpoint_timeout: '30min',
  // No replication here, so COPY into a table created or truncated in the same transaction skips WAL.
  wal_level: 'minimal',
  max_wal_senders: '0',
  // Benchmarks read I/O timings from pg_stat_statements and EXPLAIN (BUFFERS).
  track_io_timing: 'on',
} as const;

/** postgres command-line arguments for one start. */
export function createServerArgs(port: number, socketDir: string): string[] {
  const args = ['-p', String(port), '-k', socketDir];
  for (const [name, value] of Object.entries(serverSettings)) args.push('-c', `${name}=${value}`);
  return args;
}

/** pg_ctl -o hands its value to /bin/sh, so every argument is single-quoted. */
export function quoteForShell(args: readonly string[]): string {
  return args.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
}
