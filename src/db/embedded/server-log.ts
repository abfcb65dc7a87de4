import { open, rename, stat } from 'node:fs/promises';
import type { ServerUser } from './server-user.js';

// pg_ctl appends forever; start a new file before it gets unwieldy, keeping one previous generation.
const rotateAboveBytes = 20 * 1024 * 1024;
const maxSummaryLines = 20;
const tailLines = 8;

/**
 * Makes the server log writable by the server user (pg_ctl opens it as that user) and returns its current
 * size, so a failed start can report only the lines written by this attempt.
 */
export async function prepareServerLog(logPath: string, user: ServerUser | undefined): Promise<number> {
  const size = (await stat(logPath).catch(() => undefined))?.size ?? 0;
  if (size > rotateAboveBytes) await rename(logPath, `${logPath}.1`);
  const handle = await open(logPath, 'a', 0o600);
  try {
    if (user) await handle.chown(user.uid, user.gid);
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/** The lines appended to the log since offset. */
export async function readServerLogSince(logPath: string, offset: number): Promise<string[]> {
  const handle = await open(logPath, 'r').catch(() => undefined);
  if (!handle) return [];
  try {
    const { size } = await handle.stat();
    const start = offset <= size ? offset : 0;
    const length = Math.min(size - start, 256 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer
      .toString('utf8')
      .split('\n')
      .map((line) => line.trimEnd())
      .filter((line) => line.length > 0);
  } finally {
    await handle.close();
  }
}

/**
 * The lines worth showing when the server fails. One start attempt logs a handful of lines, and the LOG
 * lines before a FATAL often name the cause ("unrecognized configuration parameter"), so a short log is
 * shown whole; a long one is cut to its FATAL/PANIC/ERROR entries (with DETAIL/HINT) and its tail.
 */
export function summariseServerLog(lines: readonly string[]): string[] {
  if (lines.length <= maxSummaryLines) return [...lines];
  const relevant: string[] = [];
  let inEntry = false;
  for (const line of lines.slice(0, -tailLines)) {
    if (/\b(FATAL|PANIC|ERROR):/.test(line)) inEntry = true;
    else if (!/\b(DETAIL|HINT|CONTEXT):/.test(line)) inEntry = false;
    if (inEntry) relevant.push(line);
  }
  return [...relevant.slice(-(maxSummaryLines - tailLines)), '...', ...lines.slice(-tailLines)];
}
