import type { SeedSummary } from '../load/seed-database.js';

/** The closing summary of a seed: rows per table, seconds per phase, overall throughput. */
export function formatSeedSummary(summary: SeedSummary): string {
  const lines = ['', `Seed run #${summary.runId} succeeded`, ''];
  for (const [table, digest] of Object.entries(summary.manifest.tables)) {
    lines.push(`  ${table.padEnd(18)} ${String(digest.rows).padStart(11)} rows  ${(digest.bytes / 1e6).toFixed(1).padStart(8)} MB`);
  }
  lines.push(`  ${'total'.padEnd(18)} ${String(summary.manifest.totalRows).padStart(11)} rows`, '');
  for (const [phase, seconds] of Object.entries(summary.timings)) lines.push(`  ${phase.padEnd(14)} ${seconds.toFixed(2).padStart(8)} s`);
  const slowest = summary.indexBuilds.slice(0, 3).map((build) => `${build.index} ${build.seconds.toFixed(1)} s`);
  if (slowest.length > 0) lines.push('', `  slowest index builds: ${slowest.join(', ')}`);
  lines.push('', `  ${Math.round(summary.rowsPerSecond)} rows/s, ${summary.megabytesPerSecond.toFixed(1)} MB/s overall`, '');
  return `${lines.join('\n')}\n`;
}
