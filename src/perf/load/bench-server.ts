import { spawnSync } from 'node:child_process';
import { access, chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../package-root.js';

const cli = path.join(packageRoot(), 'bin', 'medseed.js');

/** A PostgreSQL server for one benchmark, with the dump tools of the same version beside it. */
export interface BenchServer {
  readonly url: string;
  readonly binDir: string;
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** The first of PG_BIN, /usr/lib/postgresql/<newest>/bin that has postgres, pg_dump and pg_restore. */
export async function findServerWithDumpTools(): Promise<string | undefined> {
  const candidates = [process.env.PG_BIN, ...['17', '16', '15'].map((v) => `/usr/lib/postgresql/${v}/bin`)].filter((d): d is string => !!d);
  for (const dir of candidates) {
    const present = await Promise.all(['postgres', 'pg_dump', 'pg_restore'].map((tool) => access(path.join(dir, tool)).then(() => true, () => false)));
    if (present.every(Boolean)) return dir;
  }
  return undefined;
}

function medseed(env: NodeJS.ProcessEnv, ...args: string[]): string {
  const result = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`medseed ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * Starts a throwaway server through `medseed db start` (so it runs with medseed's embedded settings)
 * from binaries that ship pg_dump and pg_restore of the same major version: pg_restore of a dump is
 * one of the contenders, and pg_dump refuses a newer server. Its home is deleted on stop.
 */
export async function startBenchServer(binDir: string): Promise<BenchServer> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'medseed-bench-load-'));
  await chmod(home, 0o755); // the server runs as the unprivileged postgres user when we are root
  const env: NodeJS.ProcessEnv = { ...process.env, MEDSEED_HOME: home, PG_BIN: binDir };
  delete env.DATABASE_URL;
  medseed(env, 'db', 'start');
  return {
    url: medseed(env, 'db', 'url'),
    binDir,
    env,
    async stop() {
      spawnSync(process.execPath, [cli, 'db', 'stop'], { env });
      await rm(home, { recursive: true, force: true });
    },
  };
}
