import path from 'node:path';
import { PortInUseError, ServerProcessError } from './embedded-errors.js';
import type { EmbeddedLayout } from './embedded-layout.js';
import type { PgBinaries } from './find-pg-binaries.js';
import { lastLines, runCommand } from './run-command.js';
import { prepareServerLog, readServerLogSince, summariseServerLog } from './server-log.js';
import { createServerArgs, quoteForShell } from './server-settings.js';
import type { ServerUser } from './server-user.js';

export const startTimeoutSeconds = 30;
export const stopTimeoutSeconds = 15;
// Our own kill switch sits a little beyond pg_ctl's -t, which normally fires first with a better message.
const graceMs = 5_000;

export interface PgCtlContext {
  binaries: PgBinaries;
  layout: EmbeddedLayout;
  user: ServerUser | undefined;
}

/**
 * Starts the server with `pg_ctl start -w` and returns once it accepts connections. A bind failure
 * becomes PortInUseError; any other failure a ServerProcessError carrying the server's log lines.
 */
export async function startServer(context: PgCtlContext, port: number): Promise<void> {
  const { binaries, layout, user } = context;
  const logOffset = await prepareServerLog(layout.logPath, user);
  const options = quoteForShell(createServerArgs(port, layout.socketDir));
  const args = ['start', '-D', layout.dataDir, '-l', layout.logPath, '-w', '-t', String(startTimeoutSeconds), '-s', '-o', options];
  const result = await runCommand(pgCtl(binaries), args, { timeoutMs: startTimeoutSeconds * 1000 + graceMs, ...(user ? { runAs: user } : {}) });
  if (result.code === 0 && !result.timedOut) return;

  const logLines = await readServerLogSince(layout.logPath, logOffset);
  if (logLines.some((line) => /could not bind .*Address already in use/i.test(line))) {
    throw new PortInUseError(port);
  }
  // A server that is still coming up after the timeout would hold the data directory: take it down.
  await runCommand(pgCtl(binaries), ['stop', '-D', layout.dataDir, '-m', 'immediate', '-w', '-t', '10', '-s'], {
    timeoutMs: 15_000,
    ...(user ? { runAs: user } : {}),
  }).catch(() => undefined);
  const why = result.timedOut || /timed out|did not start in time/i.test(result.stderr) ? `did not become ready within ${startTimeoutSeconds} s` : `failed to start (pg_ctl exit code ${result.code})`;
  const pgCtlLines = lastLines(result.stderr, 5).filter((line) => !/Examine the log output/.test(line));
  throw new ServerProcessError(
    `PostgreSQL ${why}. Data directory ${layout.dataDir}, full log ${layout.logPath}.`,
    [...pgCtlLines, ...summariseServerLog(logLines)],
  );
}

/**
 * Stops the server: a fast shutdown (disconnects clients, rolls back open transactions), then an
 * immediate one if that does not finish in time.
 */
export async function stopServer(context: PgCtlContext): Promise<void> {
  const { binaries, layout, user } = context;
  const runOptions = { timeoutMs: stopTimeoutSeconds * 1000 + graceMs, ...(user ? { runAs: user } : {}) };
  const fast = await runCommand(pgCtl(binaries), ['stop', '-D', layout.dataDir, '-m', 'fast', '-w', '-t', String(stopTimeoutSeconds), '-s'], runOptions);
  if (fast.code === 0 && !fast.timedOut) return;
  const immediate = await runCommand(pgCtl(binaries), ['stop', '-D', layout.dataDir, '-m', 'immediate', '-w', '-t', '10', '-s'], runOptions);
  if (immediate.code === 0 && !immediate.timedOut) return;
  const logLines = await readServerLogSince(layout.logPath, 0);
  throw new ServerProcessError(
    `PostgreSQL did not stop (pg_ctl stop -m fast, then -m immediate, failed). Data directory ${layout.dataDir}.`,
    [...lastLines(`${fast.stderr}\n${immediate.stderr}`, 5), ...summariseServerLog(logLines.slice(-50))],
  );
}

function pgCtl(binaries: PgBinaries): string {
  return path.join(binaries.binDir, 'pg_ctl');
}
