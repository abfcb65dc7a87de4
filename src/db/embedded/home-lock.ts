import { open, readFile, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedPostgresError } from './embedded-errors.js';

// Long enough for a cold initdb plus start by another process.
const defaultWaitMs = 180_000;
const pollMs = 100;

/**
 * Runs fn while holding an exclusive lock file, so two medseed processes (or parallel test workers)
 * never initdb, start or stop the same cluster at once. A lock left by a dead process is taken over.
 */
export async function withHomeLock<T>(lockPath: string, fn: () => Promise<T>, waitMs: number = defaultWaitMs): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const handle = await open(lockPath, 'wx', 0o600).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return undefined;
      throw new EmbeddedPostgresError(`Could not create lock file ${lockPath}: ${error.message}`, { cause: error });
    });
    if (handle) {
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      try {
        return await fn();
      } finally {
        await unlink(lockPath).catch(() => undefined);
      }
    }
    const holder = await lockHolder(lockPath);
    if (holder === 'gone') continue;
    if (holder === 'dead') {
      await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) {
      throw new EmbeddedPostgresError(
        `Another medseed process (pid ${holder}) has been starting or stopping the embedded server for over ` +
          `${Math.round(waitMs / 1000)} s. Wait for it, or delete ${lockPath} if that process is gone.`,
      );
    }
    await sleep(pollMs);
  }
}

/** The pid holding the lock; 'dead' when that process no longer exists, 'gone' when the lock was just released. */
async function lockHolder(lockPath: string): Promise<number | 'dead' | 'gone' | 'unknown'> {
  const text = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (text === undefined) return 'gone';
  const pid = Number.parseInt(text, 10);
  if (!Number.isInteger(pid) || pid <= 0) {
    // An empty file is a holder between open and write; only a long-empty one was abandoned.
    const age = Date.now() - ((await stat(lockPath).catch(() => undefined))?.mtimeMs ?? Date.now());
    return age > 5_000 ? 'dead' : 'unknown';
  }
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH' ? 'dead' : pid;
  }
}
