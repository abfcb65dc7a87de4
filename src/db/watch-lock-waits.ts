import { connect, ownBackendPids } from './connect.js';
import { startLockWaitWatcher, type LockWaitWatcher } from './lock-wait-watcher.js';

/**
 * Opens a monitor connection and reports, through `report`, any of this process's statements that
 * waits for a lock; stop() ends both. For commands that have no monitor connection of their own.
 *
 * @example
 * const watch = await watchLockWaits(url, { report: log, lockTimeoutSeconds: 60 });
 * try { await applyMigrations(client); } finally { await watch.stop(); }
 */
export async function watchLockWaits(url: string, options: { report: (line: string) => void; lockTimeoutSeconds?: number }): Promise<LockWaitWatcher> {
  const monitor = await connect(url, 'medseed-monitor');
  const watcher = startLockWaitWatcher(monitor, { pids: ownBackendPids, ...options });
  return {
    lastWait: () => watcher.lastWait(),
    async stop() {
      await watcher.stop();
      await monitor.end().catch(() => undefined);
    },
  };
}
