import { describeBlockers, type LockWait } from './lock-wait-watcher.js';

/** A statement gave up waiting for a lock (SQLSTATE 55P03): names the lock, who held it, and the fix. */
export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
  constructor(
    readonly seconds: number,
    /** The wait as last seen by the watcher; undefined when it ended before the watcher looked. */
    readonly wait: LockWait | undefined,
    cause: unknown,
  ) {
    const what = wait ? `${/^[AEIOU]/.test(wait.mode) ? 'an' : 'a'} ${wait.mode} lock on ${wait.target} (${wait.query})` : 'a lock';
    const holder = wait?.blockers[0];
    super(
      `gave up after ${seconds} s waiting for ${what}, held by ${wait ? describeBlockers(wait.blockers) : 'another session'}. ` +
        `End that session${holder ? ` (SELECT pg_terminate_backend(${holder.pid}))` : ''} or raise --lock-timeout (0 waits forever)`,
      { cause },
    );
  }
}
