import { lstat, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { diskUsage } from './disk-usage.js';
import { NotEmbeddedHomeError } from './embedded-errors.js';
import { createLayout, isInitialised, relocatedBaseDir, resolveHome, type EmbeddedLayout } from './embedded-layout.js';
import { readState } from './embedded-state.js';
import { findPgBinaries } from './find-pg-binaries.js';
import { findRunningServer } from './find-running-server.js';
import { withHomeLock } from './home-lock.js';
import { stopServer } from './pg-ctl.js';
import { inspectPid, readPostmasterPid } from './postmaster-pid.js';
import { ensureRunnableBy } from './server-access.js';
import { resolveServerUser } from './server-user.js';

/** One path destroy deletes, with the disk space it occupies. */
export interface DestroyItem {
  path: string;
  bytes: number;
  what: string;
}

/** What `medseed db destroy` would delete in a home, found without changing anything. */
export interface DestroyPlan {
  home: string;
  /** False when the home does not exist: there is nothing to destroy. */
  exists: boolean;
  items: DestroyItem[];
  /** The server running on the data directory, stopped before anything is deleted. */
  running?: { pid: number; port?: number };
}

export interface DestroyOptions {
  /** Defaults to $MEDSEED_HOME, then ./.medseed. */
  home?: string;
  log?: (line: string) => void;
}

/**
 * Lists what destroying the embedded server of a home would delete: the data directory (pg/, wherever
 * this home's cluster was put), its log, its socket directory and the state file with the password.
 * Nothing else in the home is touched, so another home nested in it (the tests' .medseed/test)
 * survives. Throws NotEmbeddedHomeError when the home holds no medseed server (no state file, no
 * cluster), so a mistaken MEDSEED_HOME deletes nothing.
 */
export async function planDestroyEmbedded(options: DestroyOptions = {}): Promise<DestroyPlan> {
  const home = resolveHome(options.home);
  const info = await stat(home).catch(() => undefined);
  if (!info) return { home, exists: false, items: [] };
  if (!info.isDirectory()) throw new NotEmbeddedHomeError(`${home} is a file, not a medseed home; nothing was deleted. Check MEDSEED_HOME.`);
  const layouts = await ownLayouts(home);
  const statePath = createLayout(home).statePath;
  const hasState = (await lstat(statePath).catch(() => undefined))?.isFile() === true;
  const clusters = await filterAsync(layouts, (layout) => isInitialised(layout.dataDir));
  if (!hasState && clusters.length === 0) {
    throw new NotEmbeddedHomeError(
      `${home} holds no embedded server of medseed (neither ${path.basename(statePath)} nor a cluster in pg/ with PG_VERSION), ` +
        'so nothing was deleted. If the server was already destroyed there is nothing left to do; otherwise check MEDSEED_HOME.',
    );
  }
  await checkRecordedDataDir(statePath, layouts);
  const items: DestroyItem[] = [];
  const add = async (target: string, what: string) => {
    if (items.some((item) => item.path === target)) return;
    if (await lstat(target).catch(() => undefined)) items.push({ path: target, what, bytes: await diskUsage(target) });
  };
  for (const layout of layouts) {
    // A pg/ without PG_VERSION is an initdb that failed; it is ours only when the state file says this home has a server.
    if (hasState || clusters.includes(layout)) await add(layout.dataDir, 'data directory: every database of the embedded server');
    await add(layout.logPath, 'server log');
    // A long home puts the socket directory in the world-writable tmp dir: trust it only if it is really ours.
    const socketInside = layout.socketDir.startsWith(`${layout.baseDir}${path.sep}`);
    if (socketInside || (await isTrustedDirectory(layout.socketDir, layout.dataDir))) await add(layout.socketDir, 'socket directory');
  }
  if (hasState) await add(statePath, 'state file: password and port');
  return { home, exists: true, items, ...(await findRunning(clusters)) };
}

/**
 * Stops the embedded server of a home if it runs, then deletes what planDestroyEmbedded lists, under the
 * home's lock so no start can race it. Returns what was deleted; the callers confirm with the user first.
 *
 * @example
 * const { deleted } = await destroyEmbedded({ home: '/tmp/medseed-home' });
 */
export async function destroyEmbedded(options: DestroyOptions = {}): Promise<{ home: string; deleted: DestroyItem[]; stopped: boolean }> {
  const log = options.log ?? (() => {});
  const home = resolveHome(options.home);
  const result = await withHomeLock(createLayout(home).lockPath, async () => {
    const plan = await planDestroyEmbedded({ home });
    let stopped = false;
    for (const layout of await ownLayouts(home)) {
      if (!(await isInitialised(layout.dataDir))) continue;
      const running = await findRunningServer(layout.dataDir, log);
      if (!running) continue;
      const binaries = await findPgBinaries(log);
      const user = await resolveServerUser(layout.dataDir);
      await stopServer({ binaries: user ? await ensureRunnableBy(binaries, user, log) : binaries, layout, user });
      log(`Stopped PostgreSQL (pid ${running.pid}, port ${running.port}).`);
      stopped = true;
    }
    // PG_VERSION goes first: a destroy interrupted halfway leaves no cluster that looks usable, and the
    // state file (deleted last) lets the next destroy finish the job.
    const dataDirs = new Set((await ownLayouts(home)).map((layout) => layout.dataDir));
    for (const item of plan.items) if (dataDirs.has(item.path)) await rm(path.join(item.path, 'PG_VERSION'), { force: true });
    const deleted: DestroyItem[] = [];
    for (const item of plan.items) {
      await rm(item.path, { recursive: true, force: true });
      deleted.push(item);
    }
    await rmdir(relocatedBaseDir(home)).catch(() => undefined); // only when empty
    return { deleted, stopped };
  });
  // The lock file is gone now; a home left empty was only ever the server's, so it goes too.
  await rmdir(home).catch(() => undefined);
  return { home, ...result };
}

/**
 * The places this home's cluster may be: under home, or in the stand-in directory in the tmp dir used
 * when the server user cannot reach home. The stand-in is trusted only when it is a real directory owned
 * by us or the server user, never a symlink someone planted in the world-writable tmp dir.
 */
async function ownLayouts(home: string): Promise<EmbeddedLayout[]> {
  const layouts = [createLayout(home)];
  const relocated = createLayout(home, relocatedBaseDir(home));
  if (await isTrustedDirectory(relocated.baseDir, relocated.dataDir)) layouts.push(relocated);
  return layouts;
}

async function isTrustedDirectory(dir: string, dataDir: string): Promise<boolean> {
  const info = await lstat(dir).catch(() => undefined);
  if (!info?.isDirectory()) return false;
  const serverUser = await resolveServerUser(dataDir).catch(() => undefined);
  return [process.getuid?.(), serverUser?.uid].includes(info.uid);
}

/** A state file naming a data directory elsewhere was not written by this medseed: refuse rather than guess. */
async function checkRecordedDataDir(statePath: string, layouts: readonly EmbeddedLayout[]): Promise<void> {
  const state = await readState(statePath).catch(() => undefined);
  if (!state || layouts.some((layout) => layout.dataDir === state.dataDir) || !(await isInitialised(state.dataDir))) return;
  throw new NotEmbeddedHomeError(
    `${statePath} names the data directory ${state.dataDir}, which is not where medseed keeps this home's cluster; nothing was deleted. ` +
      'Stop that server and delete it by hand if it is yours.',
  );
}

async function findRunning(clusters: readonly EmbeddedLayout[]): Promise<Pick<DestroyPlan, 'running'>> {
  for (const layout of clusters) {
    const pidFile = await readPostmasterPid(layout.dataDir);
    if (pidFile && (await inspectPid(pidFile.pid)).kind === 'postgres') {
      return { running: { pid: pidFile.pid, ...(pidFile.port === undefined ? {} : { port: pidFile.port }) } };
    }
  }
  return {};
}

async function filterAsync<T>(values: readonly T[], keep: (value: T) => Promise<boolean>): Promise<T[]> {
  const kept: T[] = [];
  for (const value of values) if (await keep(value)) kept.push(value);
  return kept;
}
