import { LockTimeoutError } from '../db/lock-timeout-error.js';
import type { SeedError } from '../load/seed-database.js';

// The server went away under us: stopped, crashed, or restarting after a crash.
const SERVER_GONE_CODES = new Set(['57P01', '57P02', '57P03', '08006', '08003', '08001', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE']);

/** The first error in the chain that the text does not already quote: what is left to show under it. */
export function unquotedCause(text: string, error: unknown): unknown {
  return causes(error)
    .slice(1)
    .find((e) => !(e instanceof Error) || !text.includes(e.message));
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 6; current = (current as { cause?: unknown }).cause) chain.push(current);
  return chain;
}

function some(error: unknown, test: (code: string, message: string) => boolean): boolean {
  return causes(error).some((e) => test(String((e as { code?: unknown }).code ?? ''), e instanceof Error ? e.message : String(e)));
}

/** SQLSTATE 53100 disk_full, or the operating system's words for it in a server message. */
export function isDiskFull(error: unknown): boolean {
  return some(error, (code, message) => code === '53100' || /no space left on device/i.test(message));
}

export function isServerGone(error: unknown): boolean {
  return some(
    error,
    (code, message) => SERVER_GONE_CODES.has(code) || /connection terminated|terminating connection|server closed the connection|cannot reach PostgreSQL/i.test(message),
  );
}

/**
 * The account of a failed seed for the terminal: what failed where, what the record of the run now
 * says (only what is true: recorded, not recorded, or no run yet), and how to recover.
 */
export function formatSeedFailure(error: SeedError): string {
  const lines = [error.message];
  const server = causes(error).find((e): e is Error & { code: string } => /^[0-9A-Z]{5}$/.test(String((e as { code?: unknown }).code)));
  if (server) lines.push(`(the server's error: SQLSTATE ${server.code}, ${server.message})`);
  const { record } = error;
  const where = `phase ${error.phase}${error.table ? `, table ${error.table}` : ''}`;
  if (record.runId === undefined) {
    lines.push('No run was recorded, and no rows were loaded or removed.');
  } else if (record.recorded) {
    const left = error.phase === 'prepare' ? '' : error.copiesRolledBack ? "; every table's COPY rolled back, so medseed's tables hold none of its rows" : '; its data is incomplete';
    lines.push(`Run #${record.runId} is recorded as failed (${where}) in medseed.runs${left}.`);
  } else {
    lines.push(
      `The failure could not be recorded (${record.reason}); run #${record.runId} still says 'running' in medseed.runs, ` +
        'and the next medseed seed or verify will mark it abandoned (its data is incomplete).',
    );
  }
  if (record.runId !== undefined && error.phase === 'prepare') lines.push(describePrepareChanges(error));
  const again = record.runId === undefined || error.copiesRolledBack;
  const recover = again ? 'Then run the same seed command again.' : 'Then run "medseed seed --reset" to start over.';
  if (error.interrupted) {
    lines.push(again ? 'Run the same seed command again to load from the start.' : 'Run "medseed seed --reset" to start over.');
  } else if (isDiskFull(error)) {
    lines.push(`The server ran out of disk space during ${error.phase}. Free space on the server's disk. ${recover}`);
  } else if (isServerGone(error)) {
    lines.push(
      `The server stopped, crashed or closed our connection during ${error.phase} (its log says why; a full disk is a common cause). ` +
        `Once it is running again ("medseed db start" for the embedded server): ${recover.replace(/^Then r/, 'r')}`,
    );
  } else {
    lines.push(recover.replace(/^Then r/, 'R'));
  }
  return lines.join('\n');
}

/** With --reset, prepare truncates: say whether that happened before the failure. */
function describePrepareChanges(error: SeedError): string {
  const wait = causes(error).find((e): e is LockTimeoutError => e instanceof LockTimeoutError)?.wait;
  if (wait && /^(SELECT|TRUNCATE)\b/i.test(wait.query)) return "medseed's tables were not truncated: the failure came before the truncation.";
  return "medseed's tables may already have been truncated (--reset).";
}
