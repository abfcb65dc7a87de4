import { DEFAULT_LOCK_TIMEOUT_SECONDS } from '../db/lock-timeout.js';
import { UsageError } from './errors.js';

/** --lock-timeout, shared by the commands that take table locks. */
export const lockTimeoutOption = {
  type: 'number',
  default: DEFAULT_LOCK_TIMEOUT_SECONDS,
  describe:
    'Seconds a statement may wait for a lock held by another session before giving up (0 = wait forever). ' +
    'While waiting, medseed says which session holds the lock',
  requiresArg: true,
} as const;

// PostgreSQL's lock_timeout is an int of milliseconds.
const MAX_SECONDS = 2_147_483;

export function validateLockTimeout(seconds: number): void {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_SECONDS) {
    throw new UsageError(`--lock-timeout: must be a number of seconds from 0 (wait forever) to ${MAX_SECONDS}, got ${seconds}`);
  }
}
