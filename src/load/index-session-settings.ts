import os from 'node:os';

const MB = 1024 * 1024;

/**
 * Session settings for index builds on the embedded server, which runs on this machine: each
 * concurrent build may sort in memory up to an eighth of the machine's RAM shared between them
 * (at least 512 MB, at most 4 GB), so the large tables' sorts at 100x stay in memory instead of
 * spilling to disk. Only session settings: for a server medseed does not own, nothing is set and the
 * server's own maintenance_work_mem applies.
 */
export function embeddedIndexSessionSettings(concurrency: number, totalMemory = os.totalmem()): string[] {
  const perBuild = Math.min(4096, Math.max(512, Math.floor(totalMemory / 8 / Math.max(1, concurrency) / MB)));
  return [`SET maintenance_work_mem = '${perBuild}MB'`];
}
