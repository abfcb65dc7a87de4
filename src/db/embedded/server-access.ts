import { chmod, cp, lstat, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedPostgresError } from './embedded-errors.js';
import type { PgBinaries } from './find-pg-binaries.js';
import { runCommand } from './run-command.js';
import type { ServerUser } from './server-user.js';

const completeMarker = '.medseed-complete';

/** Whether user can search (reach files inside) dir, every ancestor included. */
export async function canUserReach(user: ServerUser, dir: string): Promise<boolean> {
  return runAsUser(user, 'test -d "$1" && test -x "$1"', [dir]);
}

/**
 * Binaries the server user can run. The bundled tree inside node_modules may be unreadable to that user
 * (a project under /root is mode 0700), so it is copied once to a world-readable cache and reused.
 */
export async function ensureRunnableBy(
  binaries: PgBinaries,
  user: ServerUser,
  log: (line: string) => void,
  cacheRoot: string = os.tmpdir(),
): Promise<PgBinaries> {
  if (await canUserRun(user, binaries)) return binaries;
  if (!binaries.nativeDir) {
    throw new EmbeddedPostgresError(
      `User ${user.name}, which runs PostgreSQL because medseed runs as root, cannot run ${binaries.binDir}. ` +
        'Make that directory readable by it, or run medseed as an unprivileged user.',
    );
  }
  const cacheDir = path.join(cacheRoot, `medseed-pg-bin-${binaries.packageVersion ?? binaries.version}-${user.uid}`);
  if (!(await isCompleteCopy(cacheDir))) {
    log(`User ${user.name} cannot read ${binaries.nativeDir}; copying the PostgreSQL binaries to ${cacheDir}.`);
    await copyReadable(binaries.nativeDir, cacheDir);
  } else {
    log(`User ${user.name} cannot read ${binaries.nativeDir}; using the copy in ${cacheDir}.`);
  }
  const copied: PgBinaries = { ...binaries, nativeDir: cacheDir, binDir: path.join(cacheDir, 'bin') };
  if (!(await canUserRun(user, copied))) {
    throw new EmbeddedPostgresError(`User ${user.name} cannot run the PostgreSQL binaries even from ${cacheDir}; check that ${cacheRoot} is readable.`);
  }
  return copied;
}

async function canUserRun(user: ServerUser, binaries: PgBinaries): Promise<boolean> {
  // initdb also reads share/; for the bundled tree it sits next to bin/.
  const share = binaries.nativeDir ? path.join(binaries.nativeDir, 'share', 'postgresql', 'postgres.bki') : '/dev/null';
  return runAsUser(user, 'test -r "$1" && "$2" --version >/dev/null 2>&1', [share, path.join(binaries.binDir, 'postgres')]);
}

async function runAsUser(user: ServerUser, script: string, args: readonly string[]): Promise<boolean> {
  const result = await runCommand('/bin/sh', ['-c', script, 'sh', ...args], { runAs: user, timeoutMs: 10_000 });
  return result.code === 0;
}

/**
 * A copy made by an earlier run, trusted only if we own it: the cache sits in a world-writable
 * directory, and whatever is there gets executed.
 */
async function isCompleteCopy(cacheDir: string): Promise<boolean> {
  const info = await lstat(cacheDir).catch(() => undefined);
  if (!info) return false;
  if (!info.isDirectory() || info.uid !== process.getuid?.()) {
    throw new EmbeddedPostgresError(`${cacheDir} exists but is not a directory owned by the current user; remove it and retry.`);
  }
  if (await lstat(path.join(cacheDir, completeMarker)).then(() => true, () => false)) return true;
  await rm(cacheDir, { recursive: true, force: true });
  return false;
}

/** Copies the tree (keeping the library symlinks) via a temporary name, so no reader sees half a copy. */
async function copyReadable(source: string, target: string): Promise<void> {
  const temporary = `${target}.tmp-${process.pid}`;
  await rm(temporary, { recursive: true, force: true });
  try {
    await cp(source, temporary, { recursive: true, verbatimSymlinks: true });
    await makeWorldReadable(temporary);
    await writeFile(path.join(temporary, completeMarker), '');
    await chmod(temporary, 0o755);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    // Another process finished the same copy first.
    if (await isCompleteCopy(target).catch(() => false)) return;
    throw new EmbeddedPostgresError(`Could not copy the PostgreSQL binaries to ${target}: ${(error as Error).message}`, { cause: error });
  }
}

async function makeWorldReadable(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      await chmod(full, 0o755);
      await makeWorldReadable(full);
    } else {
      const { mode } = await lstat(full);
      await chmod(full, mode & 0o100 ? 0o755 : 0o644);
    }
  }
}
