import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../cli/errors.js';
import type { HistoryEntry, HistorySection, StageResult } from '../report/workload-report.js';

export const HISTORY_FILE = 'history.jsonl';
/** A p95 more than 20% above the median of earlier runs is a regression: the need's own ">20%" alert. */
export const DEFAULT_REGRESSION_TOLERANCE = 0.2;
/** ...and more than this many ms above it: sub-millisecond differences are round-trip noise. */
export const DEFAULT_REGRESSION_MIN_MS = 1;
/** Earlier comparable runs the limit is taken from, and the fewest that make one. */
const WINDOW = 10;
const MIN_RUNS = 3;

/** Checks --history DIR before anything runs: a directory (made if missing) whose history file, if any, parses. */
export function checkHistoryDir(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--history ${dir}: is a file; give a directory (history.jsonl is kept in it)`);
  readHistory(dir);
}

/** Every run recorded in DIR/history.jsonl, oldest first. A line that does not parse is an error naming it. */
export function readHistory(dir: string): HistoryEntry[] {
  const file = path.join(dir, HISTORY_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, number }) => {
      try {
        const entry = JSON.parse(line) as HistoryEntry;
        if (typeof entry.operations !== 'object' || entry.operations === null) throw new Error('no "operations"');
        return entry;
      } catch (error) {
        throw new UsageError(`${file}:${number}: not a workload history entry (${(error as Error).message}); move the file aside to start a new history`);
      }
    });
}

/** Appends one run; one line per run, so concurrent CI jobs never interleave half a record. */
export function appendHistory(dir: string, entry: HistoryEntry): void {
  mkdirSync(dir, { recursive: true });
  appendFileSync(path.join(dir, HISTORY_FILE), `${JSON.stringify(entry)}\n`);
}

/** The history entry of a run: its last stage (the most users) per operation. */
export function historyEntryOf(meta: Omit<HistoryEntry, 'operations' | 'users' | 'rate'>, stage: StageResult): HistoryEntry {
  const operations: Record<string, HistoryEntry['operations'][string]> = {};
  for (const op of stage.operations) {
    operations[op.name] = { p95Ms: op.p95Ms, p99Ms: op.p99Ms, throughputPerS: op.throughputPerS, errorRate: op.count > 0 ? op.errors / op.count : 0 };
  }
  return { ...meta, users: stage.users, rate: stage.rate, operations };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * This run against the earlier comparable ones (same profile, seed, users and rate): per operation
 * the limit its p95 is held to, median of the last WINDOW earlier p95s x (1 + tolerance), and the
 * regressions found. Fewer than MIN_RUNS earlier runs give no limit: one noisy run is no baseline.
 */
export function compareWithHistory(
  dir: string,
  earlier: readonly HistoryEntry[],
  current: HistoryEntry,
  tolerance = DEFAULT_REGRESSION_TOLERANCE,
  minMs = DEFAULT_REGRESSION_MIN_MS,
): { section: HistorySection; regressions: string[] } {
  const comparable = earlier.filter((e) => e.profile === current.profile && e.seed === current.seed && e.users === current.users && e.rate === current.rate);
  const limits: Record<string, number | null> = {};
  const regressions: string[] = [];
  for (const [name, figures] of Object.entries(current.operations)) {
    const previous = comparable.slice(-WINDOW).map((e) => e.operations[name]?.p95Ms).filter((v): v is number => typeof v === 'number');
    if (previous.length < MIN_RUNS) {
      limits[name] = null;
      continue;
    }
    const base = median(previous);
    const limit = Math.max(base * (1 + tolerance), base + minMs);
    limits[name] = Math.round(limit * 1000) / 1000;
    if (figures.p95Ms > limit) {
      regressions.push(`${name}: p95 ${figures.p95Ms.toFixed(2)} ms regressed: more than ${Math.round(tolerance * 100)}% (and ${minMs} ms) above the median ${base.toFixed(2)} ms of the last ${previous.length} comparable runs`);
    }
  }
  return { section: { dir, runs: [...comparable, current], tolerance, minMs, limits }, regressions };
}
