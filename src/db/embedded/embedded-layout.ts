import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Where the embedded server keeps its files. State and lock stay in home; the rest sits under baseDir. */
export interface EmbeddedLayout {
  home: string;
  /** Password and last port, mode 0600, outside the data directory. */
  statePath: string;
  lockPath: string;
  /** The data directory's parent: home itself, or a readable stand-in when the server user cannot reach home. */
  baseDir: string;
  dataDir: string;
  socketDir: string;
  logPath: string;
}

// sun_path holds 107 bytes; the server also creates "<dir>/.s.PGSQL.<port>.lock" (up to 20 more).
const maxSocketDirBytes = 107 - '/.s.PGSQL.65535.lock'.length;

/** The medseed home: explicit option, then $MEDSEED_HOME, then ./.medseed. */
export function resolveHome(home?: string): string {
  return path.resolve(home ?? process.env.MEDSEED_HOME ?? path.join(process.cwd(), '.medseed'));
}

/** The layout with the data directory at <baseDir>/pg; baseDir defaults to home. */
export function createLayout(home: string, baseDir: string = home): EmbeddedLayout {
  const preferredSocketDir = path.join(baseDir, 'run');
  return {
    home,
    statePath: path.join(home, 'pg-credentials.json'),
    lockPath: path.join(home, 'pg.lock'),
    baseDir,
    dataDir: path.join(baseDir, 'pg'),
    socketDir:
      Buffer.byteLength(preferredSocketDir) <= maxSocketDirBytes
        ? preferredSocketDir
        : path.join(os.tmpdir(), `medseed-sock-${hashHome(home)}`),
    logPath: path.join(baseDir, 'pg.log'),
  };
}

/** The stand-in base directory used when the server user cannot reach home (e.g. home under /root as root). */
export function relocatedBaseDir(home: string): string {
  return path.join(os.tmpdir(), `medseed-pg-${hashHome(home)}`);
}

/**
 * The layout of an existing cluster for this home, wherever an earlier run put it,
 * else the default layout under home.
 */
export async function findExistingLayout(home: string, recordedDataDir?: string): Promise<{ layout: EmbeddedLayout; initialised: boolean }> {
  const candidates = [
    ...(recordedDataDir ? [createLayout(home, path.dirname(recordedDataDir))] : []),
    createLayout(home),
    createLayout(home, relocatedBaseDir(home)),
  ];
  for (const layout of candidates) {
    if (await isInitialised(layout.dataDir)) return { layout, initialised: true };
  }
  return { layout: createLayout(home), initialised: false };
}

/** A data directory is initialised once initdb has written PG_VERSION. */
export async function isInitialised(dataDir: string): Promise<boolean> {
  return stat(path.join(dataDir, 'PG_VERSION')).then(
    (info) => info.isFile(),
    () => false,
  );
}

function hashHome(home: string): string {
  return createHash('sha1').update(home).digest('hex').slice(0, 16);
}
