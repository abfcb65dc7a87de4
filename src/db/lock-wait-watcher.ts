import type { Queryable } from './queryable.js';
import { redactSecrets } from './redact-url.js';

/** A backend that blocks one of ours, from pg_stat_activity. */
export interface LockBlocker {
  readonly pid: number;
  readonly application: string;
  readonly user: string;
  readonly state: string;
  /** When its transaction (else its connection) started: how long it has held what it holds. */
  readonly since: Date | null;
  readonly query: string;
}

/** One of our statements waiting for a lock, with the backends it waits behind. */
export interface LockWait {
  readonly pid: number;
  /** "table documents", "advisory lock 4826199311", ... */
  readonly target: string;
  readonly table: string | undefined;
  /** e.g. ACCESS SHARE */
  readonly mode: string;
  readonly waitedSeconds: number;
  readonly query: string;
  readonly blockers: readonly LockBlocker[];
}

export interface LockWaitWatcherOptions {
  /** Our own backends, asked afresh at each poll (connections come and go). */
  readonly pids: () => readonly number[];
  readonly report: (line: string) => void;
  /** The lock timeout in force, for the message; 0 = none. */
  readonly lockTimeoutSeconds?: number;
  /** Silence for short waits: 2 s, or half the lock timeout when that is shorter. */
  readonly firstReportSeconds?: number;
  readonly repeatSeconds?: number;
  readonly pollMilliseconds?: number;
}

export interface LockWaitWatcher {
  /** The wait seen at the latest polls, for an error message after a lock timeout; undefined once stale. */
  lastWait(): LockWait | undefined;
  stop(): Promise<void>;
}

interface WaitRow {
  pid: number;
  locktype: string;
  relation: string | null;
  mode: string;
  classid: string | null;
  objid: string | null;
  objsubid: number | null;
  waited: number;
  query: string;
  holder_pid: number | null;
  holder_application: string | null;
  holder_user: string | null;
  holder_state: string | null;
  holder_since: Date | null;
  holder_query: string | null;
}

const WAITS_SQL = `
  SELECT w.pid, l.locktype, l.relation::regclass::text AS relation, l.mode, l.classid::text AS classid, l.objid::text AS objid, l.objsubid,
         extract(epoch FROM clock_timestamp() - coalesce(l.waitstart, w.query_start))::float8 AS waited,
         left(w.query, 200) AS query,
         h.pid AS holder_pid, h.application_name AS holder_application, h.usename AS holder_user, h.state AS holder_state,
         coalesce(h.xact_start, h.backend_start) AS holder_since, left(h.query, 200) AS holder_query
    FROM pg_stat_activity w
    JOIN pg_locks l ON l.pid = w.pid AND NOT l.granted
    LEFT JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS b(pid) ON true
    LEFT JOIN pg_stat_activity h ON h.pid = b.pid
   WHERE w.pid = ANY($1::int[]) AND w.pid <> pg_backend_pid()`;

/** Lists which of `pids` wait for a lock, on what, and behind whom. */
export async function findLockWaits(client: Queryable, pids: readonly number[]): Promise<LockWait[]> {
  if (pids.length === 0) return [];
  const result = await client.query<WaitRow>(WAITS_SQL, [pids]);
  const waits = new Map<number, LockWait & { blockers: LockBlocker[] }>();
  for (const row of result.rows) {
    let wait = waits.get(row.pid);
    if (!wait) {
      const table = row.locktype === 'relation' && row.relation ? row.relation : undefined;
      wait = {
        pid: row.pid,
        target: table ? `table ${table}` : row.locktype === 'advisory' ? describeAdvisoryLock(row) : `${row.locktype} lock`,
        table,
        mode: describeMode(row.mode),
        waitedSeconds: row.waited,
        query: headOf(row.query),
        blockers: [],
      };
      waits.set(row.pid, wait);
    }
    if (row.holder_pid !== null) {
      wait.blockers.push({
        pid: row.holder_pid,
        application: row.holder_application ?? '',
        user: row.holder_user ?? '?',
        state: row.holder_state ?? 'unknown',
        since: row.holder_since,
        query: headOf(row.holder_query ?? ''),
      });
    }
  }
  return [...waits.values()];
}

/**
 * Watches our backends from a separate connection and reports any that has waited for a lock for
 * more than a moment, naming the lock and the session holding it, then again every `repeatSeconds`,
 * so a blocked statement is never a silent pause.
 *
 * @example
 * const watcher = startLockWaitWatcher(monitor, { pids: ownBackendPids, report: console.error });
 * try { await work(); } finally { await watcher.stop(); }
 */
export function startLockWaitWatcher(client: Queryable, options: LockWaitWatcherOptions): LockWaitWatcher {
  // A short lock timeout is reported before it expires, so the holder is named while it still holds.
  const timeout = options.lockTimeoutSeconds ?? 0;
  const first = options.firstReportSeconds ?? (timeout > 0 ? Math.min(2, timeout / 2) : 2);
  const repeat = options.repeatSeconds ?? 10;
  const reported = new Map<string, number>();
  let last: { wait: LockWait; seenAt: number } | undefined;
  const pollMs = options.pollMilliseconds ?? 500;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> = Promise.resolve();

  const poll = async () => {
    let waits: LockWait[];
    try {
      waits = await findLockWaits(client, options.pids());
    } catch {
      stopped = true; // the monitor connection is gone (server stopped): the work will fail and say so
      return;
    }
    const now = performance.now();
    const current = new Set<string>();
    for (const wait of waits) {
      last = { wait, seenAt: now };
      const key = `${wait.pid} ${wait.target} ${wait.mode}`;
      current.add(key);
      const previous = reported.get(key);
      if (wait.waitedSeconds < first || (previous !== undefined && now - previous < repeat * 1000)) continue;
      reported.set(key, now);
      options.report(describeLockWait(wait, options.lockTimeoutSeconds));
    }
    for (const key of reported.keys()) if (!current.has(key)) reported.delete(key);
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      polling = poll().finally(schedule);
    }, pollMs);
    timer.unref();
  };
  schedule();
  return {
    // A wait not seen for two polls has ended, so it cannot explain a timeout that happens now.
    lastWait: () => (last && performance.now() - last.seenAt <= 2.5 * pollMs ? last.wait : undefined),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await polling;
    },
  };
}

/** "waiting 3 s for an ACCESS SHARE lock on table documents (SELECT ...), held by pid 42 (...)". */
export function describeLockWait(wait: LockWait, lockTimeoutSeconds?: number): string {
  const limit =
    lockTimeoutSeconds === undefined ? '' : lockTimeoutSeconds > 0 ? `; giving up after ${lockTimeoutSeconds} s (--lock-timeout)` : '; waiting without limit (--lock-timeout 0)';
  const article = /^[AEIOU]/.test(wait.mode) ? 'an' : 'a';
  return `waiting ${Math.floor(wait.waitedSeconds)} s for ${article} ${wait.mode} lock on ${wait.target} (${wait.query}), held by ${describeBlockers(wait.blockers)}${limit}`;
}

export function describeBlockers(blockers: readonly LockBlocker[]): string {
  if (blockers.length === 0) return 'a session that has just released it';
  const shown = blockers.slice(0, 3).map(
    (b) =>
      `pid ${b.pid} (application "${b.application}", user ${b.user}, ${b.state}${b.since ? ` since ${new Date(b.since).toISOString().slice(11, 19)} UTC` : ''}: ${b.query || 'no query'})`,
  );
  return shown.join(', ') + (blockers.length > 3 ? ` and ${blockers.length - 3} more` : '');
}

/** pg_locks splits a bigint key into classid (high half) and objid (low half), objsubid 1; a pair of ints is objsubid 2. */
function describeAdvisoryLock(row: Pick<WaitRow, 'classid' | 'objid' | 'objsubid'>): string {
  const key = row.objsubid === 1 ? String((BigInt(row.classid ?? 0) << 32n) | BigInt(row.objid ?? 0)) : `${row.classid}, ${row.objid}`;
  return `advisory lock (${key})`;
}

/** AccessShareLock -> ACCESS SHARE, as LOCK TABLE spells it. */
function describeMode(mode: string): string {
  return mode.replace(/Lock$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

/** The start of a statement on one line; another session's text may hold a password. */
function headOf(query: string): string {
  const line = query.replace(/\s+/g, ' ').trim();
  const redacted = redactSecrets(line).replace(/(PASSWORD\s+)'[^']*('|$)/gi, "$1'***'");
  return redacted.length > 80 ? `${redacted.slice(0, 77)}...` : redacted;
}
