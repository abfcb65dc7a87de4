import { chown, mkdir, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgresError } from './embedded-errors.js';
import type { EmbeddedLayout } from './embedded-layout.js';
import type { PgBinaries } from './find-pg-binaries.js';
import { lastLines, runCommand } from './run-command.js';
import type { ServerUser } from './server-user.js';

export const embeddedRole = 'medseed';
const initdbTimeoutMs = 120_000;

/**
 * Creates the cluster with initdb: superuser `medseed` with the given password, UTF8, trust for the
 * (private) unix socket and SCRAM over TCP. A failed attempt leaves no data directory behind.
 */
export async function initCluster(binaries: PgBinaries, layout: EmbeddedLayout, user: ServerUser | undefined, password: string): Promise<void> {
  // Leftovers of an interrupted initdb would make it refuse to run ("directory exists but is not empty"),
  // but a cluster we merely cannot see into must never be wiped.
  const entries: string[] = await readdir(layout.dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new EmbeddedPostgresError(`Cannot inspect the data directory ${layout.dataDir}: ${error.message}`, { cause: error });
  });
  if (entries.includes('PG_VERSION')) {
    throw new EmbeddedPostgresError(`Refusing to run initdb over the existing cluster in ${layout.dataDir}.`);
  }
  await rm(layout.dataDir, { recursive: true, force: true });
  await mkdir(layout.dataDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(layout.baseDir, `pg-pwfile-${process.pid}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (user) {
      await chown(layout.dataDir, user.uid, user.gid);
      await chown(pwfile, user.uid, user.gid);
    }
    const args = [
      '-D', layout.dataDir,
      '-U', embeddedRole,
      '-E', 'UTF8',
      ...localeArgs(binaries.major),
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      `--pwfile=${pwfile}`,
    ];
    const result = await runCommand(path.join(binaries.binDir, 'initdb'), args, { timeoutMs: initdbTimeoutMs, ...(user ? { runAs: user } : {}) });
    if (result.code !== 0 || result.timedOut) {
      await rm(layout.dataDir, { recursive: true, force: true });
      const why = result.timedOut ? `timed out after ${initdbTimeoutMs / 1000} s` : `exited with code ${result.code}`;
      const output = lastLines(result.stderr || result.stdout, 10).map((line) => `  ${line}`);
      throw new EmbeddedPostgresError(`initdb ${why} while creating ${layout.dataDir}:\n${output.join('\n')}`);
    }
  } finally {
    await unlink(pwfile).catch(() => undefined);
  }
}

/**
 * PostgreSQL 17+ has a built-in C.UTF-8 locale: Unicode-aware case mapping with byte-order sorting that does
 * not depend on the host's glibc locales, so the cluster behaves the same on every machine. Older servers
 * get the plain C locale for the same reason.
 */
function localeArgs(major: number): string[] {
  return major >= 17 ? ['--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C'] : ['--no-locale'];
}
