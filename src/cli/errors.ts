import { redactSecrets } from '../db/redact-url.js';

/** Bad input from the user: wrong flag values, invalid profile, unreachable target named by the user. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure while doing the work (server error, I/O). Exit code 1. */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
}

export function errorExitCode(error: unknown): number {
  return error instanceof UsageError ? 2 : 1;
}

/** Formats an error for the terminal: message, PostgreSQL SQLSTATE and context when present, never a password. */
export function formatError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  let depth = 0;
  while (current && depth < 5) {
    if (current instanceof Error) {
      const pg = current as Error & { code?: string; detail?: string; where?: string; hint?: string };
      const prefix = depth === 0 ? 'Error: ' : '  caused by: ';
      lines.push(`${prefix}${current.message}`);
      // Node's system errors (EROFS, EPERM) have 5-letter codes too; they carry a syscall, PostgreSQL's do not
      if (typeof pg.code === 'string' && /^[0-9A-Z]{5}$/.test(pg.code) && !('syscall' in current)) lines.push(`  SQLSTATE ${pg.code}`);
      if (pg.detail) lines.push(`  detail: ${pg.detail}`);
      if (pg.hint) lines.push(`  hint: ${pg.hint}`);
      if (pg.where) lines.push(`  where: ${pg.where}`);
      current = current.cause;
    } else {
      lines.push(`Error: ${String(current)}`);
      current = undefined;
    }
    depth++;
  }
  return redactSecrets(lines.join('\n'));
}
