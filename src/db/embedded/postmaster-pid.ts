import { execFile } from 'node:child_process';
import { readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/** The fields of <dataDir>/postmaster.pid we use (line 1 pid, 4 port, 5 socket dir, 8 status). */
export interface PostmasterPid {
  path: string;
  pid: number;
  port?: number;
  socketDir?: string;
  /** "starting", "stopping", "ready" or "standby"; absent while the postmaster is still writing the file. */
  status?: string;
}

/** What the pid in postmaster.pid currently is. */
export type PidOwner = { kind: 'dead' } | { kind: 'postgres' } | { kind: 'other'; command: string };

const execFileAsync = promisify(execFile);

/** Reads postmaster.pid; undefined when absent or without a usable pid. */
export async function readPostmasterPid(dataDir: string): Promise<PostmasterPid | undefined> {
  const file = path.join(dataDir, 'postmaster.pid');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const lines = text.split('\n').map((line) => line.trim());
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const port = Number.parseInt(lines[3] ?? '', 10);
  const socketDir = lines[4] || undefined;
  const status = lines[7] || undefined;
  return {
    path: file,
    pid,
    ...(Number.isInteger(port) ? { port } : {}),
    ...(socketDir ? { socketDir } : {}),
    ...(status ? { status } : {}),
  };
}

/**
 * Removes postmaster.pid of a dead server and its socket lock file. PostgreSQL clears stale lock files
 * itself, but takes a not-yet-reaped (zombie) postmaster for a live one and refuses to start.
 */
export async function removeStalePidFiles(pidFile: PostmasterPid): Promise<void> {
  if (pidFile.socketDir && pidFile.port !== undefined) {
    const socket = path.join(pidFile.socketDir, `.s.PGSQL.${pidFile.port}`);
    const lockText = await readFile(`${socket}.lock`, 'utf8').catch(() => '');
    if (Number.parseInt(lockText, 10) === pidFile.pid) {
      await unlink(`${socket}.lock`).catch(() => undefined);
      await unlink(socket).catch(() => undefined);
    }
  }
  await unlink(pidFile.path).catch(() => undefined);
}

/** Whether pid is gone, a PostgreSQL process, or (after pid reuse) something else. */
export async function inspectPid(pid: number): Promise<PidOwner> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but owned by another user.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return { kind: 'dead' };
  }
  // A zombie still answers kill(0) in containers whose init does not reap orphans.
  if (await isZombie(pid)) return { kind: 'dead' };
  const command = await readCommandName(pid);
  // Unknown name: assume PostgreSQL rather than risk deleting a live server's pid file.
  if (command === undefined || /^(postgres|postmaster)$/.test(command)) return { kind: 'postgres' };
  return { kind: 'other', command };
}

async function isZombie(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Field 3 follows the parenthesised command name, which may itself contain spaces or parentheses.
  return /\)\s+Z\s/.test(stat.slice(stat.lastIndexOf(')')));
}

async function readCommandName(pid: number): Promise<string | undefined> {
  const fromProc = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => undefined);
  if (fromProc !== undefined) return fromProc.trim();
  // No procfs (macOS): ask ps.
  const fromPs = await execFileAsync('ps', ['-o', 'comm=', '-p', String(pid)], { timeout: 5000 }).catch(() => undefined);
  const name = fromPs?.stdout.trim();
  return name ? path.basename(name) : undefined;
}
