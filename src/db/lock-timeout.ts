/** Default --lock-timeout: long enough for a routine lock to clear, short enough that a stuck session is reported. */
export const DEFAULT_LOCK_TIMEOUT_SECONDS = 60;

/**
 * The URL with PostgreSQL's lock_timeout set for every session opened from it (node-postgres sends
 * it as a startup parameter), so each statement that needs a table lock gives up after `seconds`
 * instead of queueing forever behind another session. 0 means wait forever, as in PostgreSQL.
 *
 * @example
 * connect(withLockTimeout(url, 60)) // statements fail with SQLSTATE 55P03 after 60 s of waiting
 */
export function withLockTimeout(url: string, seconds: number): string {
  const parsed = new URL(url);
  parsed.searchParams.set('lock_timeout', String(Math.round(seconds * 1000)));
  return parsed.toString();
}

/** PostgreSQL's "canceling statement due to lock timeout". */
export function isLockTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === '55P03';
}
