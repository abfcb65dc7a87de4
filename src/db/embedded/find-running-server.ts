import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedPostgresError } from './embedded-errors.js';
import { startTimeoutSeconds, stopTimeoutSeconds } from './pg-ctl.js';
import { inspectPid, readPostmasterPid, removeStalePidFiles } from './postmaster-pid.js';

export interface RunningServer {
  pid: number;
  port: number;
}

const pollMs = 50;

/**
 * The server running on dataDir, found through postmaster.pid, even one orphaned by a killed medseed run.
 * A pid file whose process is gone is removed (PostgreSQL would otherwise refuse to start); one whose pid
 * now belongs to another program is reported rather than guessed about. Waits out a server that is
 * still starting (crash recovery) or shutting down.
 */
export async function findRunningServer(dataDir: string, log: (line: string) => void): Promise<RunningServer | undefined> {
  const deadline = Date.now() + Math.max(startTimeoutSeconds, stopTimeoutSeconds) * 1000;
  for (;;) {
    const pidFile = await readPostmasterPid(dataDir);
    if (!pidFile) return undefined;
    const owner = await inspectPid(pidFile.pid);
    if (owner.kind === 'dead') {
      await removeStalePidFiles(pidFile);
      log(`Removed stale ${pidFile.path} (process ${pidFile.pid} is gone; the server was not shut down cleanly).`);
      return undefined;
    }
    if (owner.kind === 'other') {
      throw new EmbeddedPostgresError(
        `${pidFile.path} names process ${pidFile.pid}, which is a running "${owner.command}", not PostgreSQL: ` +
          'the file is left over from a server that did not shut down cleanly, and its pid has been reused. ' +
          `If no PostgreSQL server uses ${dataDir}, delete ${pidFile.path} and retry.`,
      );
    }
    const ready = pidFile.status === 'ready' || pidFile.status === 'standby';
    if (ready && pidFile.port !== undefined) return { pid: pidFile.pid, port: pidFile.port };
    if (Date.now() > deadline) {
      throw new EmbeddedPostgresError(
        `The PostgreSQL server on ${dataDir} (pid ${pidFile.pid}) has stayed "${pidFile.status ?? 'starting'}" for too long; ` +
          'see its log, or stop it with "medseed db stop".',
      );
    }
    await sleep(pollMs);
  }
}
