import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createEmbeddedDatabase, createEmbeddedUrl } from './create-embedded-database.js';
import { EmbeddedNotRunningError, EmbeddedPostgresError, InvalidEmbeddedOptionError, PortInUseError } from './embedded-errors.js';
import { createLayout, findExistingLayout, relocatedBaseDir, resolveHome, type EmbeddedLayout } from './embedded-layout.js';
import { readState, writeState, type EmbeddedState } from './embedded-state.js';
import { ensureDirectory } from './ensure-directory.js';
import { findPgBinaries, type PgBinaries } from './find-pg-binaries.js';
import { findRunningServer } from './find-running-server.js';
import { withHomeLock } from './home-lock.js';
import { initCluster } from './init-cluster.js';
import { startServer, stopServer, type PgCtlContext } from './pg-ctl.js';
import { choosePort, validatePort } from './pick-port.js';
import { inspectPid, readPostmasterPid } from './postmaster-pid.js';
import { canUserReach, ensureRunnableBy } from './server-access.js';
import { resolveServerUser, type ServerUser } from './server-user.js';

export interface EmbeddedOptions {
  /** Defaults to $MEDSEED_HOME, then ./.medseed. */
  home?: string;
  /** Port to start on; by default the last port used if free, else a free one (never 5432). */
  port?: number;
  /** Receives progress lines (never the password). */
  log?: (line: string) => void;
}

export interface EmbeddedStatus {
  running: boolean;
  initialised: boolean;
  dataDir: string;
  port?: number;
  pid?: number;
  url?: string;
}

export interface EmbeddedStarted {
  url: string;
  port: number;
  /** True when a server was already running on this data directory (possibly orphaned by a killed run). */
  alreadyRunning: boolean;
  dataDir: string;
}

/**
 * Starts the embedded PostgreSQL server for a medseed home, creating the cluster on first use, and
 * returns the URL of its `medseed` database. Reuses a server that is already running.
 *
 * @example
 * const { url } = await startEmbedded({ log: (line) => console.error(line) });
 * // url: postgres://medseed:<password>@127.0.0.1:<port>/medseed
 */
export async function startEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedStarted> {
  const log = options.log ?? (() => {});
  validatePort(options.port);
  const home = resolveHome(options.home);
  await mkdir(home, { recursive: true });
  return withHomeLock(createLayout(home).lockPath, async () => {
    const state = await readState(createLayout(home).statePath);
    const existing = await findExistingLayout(home, state?.dataDir);
    const running = await findRunningServer(existing.layout.dataDir, log);
    if (running) return reuseRunning(existing.layout, state, running.port, options.port);

    const binaries = await findPgBinaries(log);
    let { layout } = existing;
    let user = await resolveServerUser(layout.dataDir);
    if (!existing.initialised && user && !(await canUserReach(user, home))) {
      layout = createLayout(home, relocatedBaseDir(home));
      log(`User ${user.name}, which runs PostgreSQL because medseed runs as root, cannot reach ${home}; keeping the data directory in ${layout.dataDir} instead.`);
      user = await resolveServerUser(layout.dataDir);
    }
    const context: PgCtlContext = { binaries: user ? await ensureRunnableBy(binaries, user, log) : binaries, layout, user };
    if (layout.baseDir !== home) await ensureDirectory(layout.baseDir, 0o755);
    await ensureDirectory(layout.socketDir, 0o700, user);

    let current: EmbeddedState;
    if (existing.initialised) {
      current = requireState(layout, state);
      await checkMajorVersion(layout.dataDir, binaries);
    } else {
      current = await initialise(context, log);
    }

    const port = await startOnFreePort(context, options.port, current.port, log);
    if (!current.databaseCreated) await createEmbeddedDatabase(current.password, port);
    const next: EmbeddedState = { ...current, dataDir: layout.dataDir, port, databaseCreated: true };
    if (JSON.stringify(next) !== JSON.stringify(current)) await writeState(layout.statePath, next);
    return { url: createEmbeddedUrl(current.password, port), port, alreadyRunning: false, dataDir: layout.dataDir };
  });
}

/**
 * Stops the embedded server of a medseed home (fast shutdown, then immediate after 15 s).
 *
 * @example
 * const { wasRunning } = await stopEmbedded();
 */
export async function stopEmbedded(options: EmbeddedOptions = {}): Promise<{ wasRunning: boolean }> {
  const log = options.log ?? (() => {});
  const home = resolveHome(options.home);
  // Without a home there is nothing to stop; do not create one just to take the lock.
  if (!(await stat(home).catch(() => undefined))) return { wasRunning: false };
  return withHomeLock(createLayout(home).lockPath, async () => {
    const state = await readState(createLayout(home).statePath);
    const { layout } = await findExistingLayout(home, state?.dataDir);
    const running = await findRunningServer(layout.dataDir, log);
    if (!running) return { wasRunning: false };
    const binaries = await findPgBinaries(log);
    const user = await resolveServerUser(layout.dataDir);
    await stopServer({ binaries: user ? await ensureRunnableBy(binaries, user, log) : binaries, layout, user });
    log(`Stopped PostgreSQL (pid ${running.pid}, port ${running.port}).`);
    return { wasRunning: true };
  });
}

/**
 * Reports on the embedded server without changing anything. `url` (with the password) is set only when
 * the server is running.
 */
export async function statusEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedStatus> {
  const home = resolveHome(options.home);
  const state = await readState(createLayout(home).statePath);
  const { layout, initialised } = await findExistingLayout(home, state?.dataDir);
  const status: EmbeddedStatus = { running: false, initialised, dataDir: layout.dataDir };
  const pidFile = await readPostmasterPid(layout.dataDir);
  if (!pidFile || (await inspectPid(pidFile.pid)).kind !== 'postgres') return status;
  return {
    ...status,
    running: true,
    pid: pidFile.pid,
    ...(pidFile.port === undefined ? {} : { port: pidFile.port }),
    ...(pidFile.port !== undefined && state ? { url: createEmbeddedUrl(state.password, pidFile.port) } : {}),
  };
}

/**
 * The URL of the running embedded server's `medseed` database; throws EmbeddedNotRunningError otherwise.
 *
 * @example
 * const client = new pg.Client({ connectionString: await embeddedUrl() });
 */
export async function embeddedUrl(options: EmbeddedOptions = {}): Promise<string> {
  const status = await statusEmbedded(options);
  if (status.url) return status.url;
  throw new EmbeddedNotRunningError(
    status.running
      ? `The embedded PostgreSQL server on ${status.dataDir} is running, but its credentials file is missing.`
      : `The embedded PostgreSQL server is not running (data directory ${status.dataDir}). Start it with "medseed db start".`,
  );
}

function reuseRunning(layout: EmbeddedLayout, state: EmbeddedState | undefined, port: number, requested: number | undefined): EmbeddedStarted {
  if (requested !== undefined && requested !== port) {
    throw new InvalidEmbeddedOptionError(
      `The embedded server is already running on port ${port}, not ${requested}. ` +
        'Omit --port to use it, or stop it first with "medseed db stop".',
    );
  }
  return { url: createEmbeddedUrl(requireState(layout, state).password, port), port, alreadyRunning: true, dataDir: layout.dataDir };
}

/** An existing cluster is useless without the password recorded when it was created. */
function requireState(layout: EmbeddedLayout, state: EmbeddedState | undefined): EmbeddedState {
  if (state) return state;
  throw new EmbeddedPostgresError(
    `The cluster in ${layout.dataDir} exists, but ${layout.statePath} with its password is missing. ` +
      'Stop it with "medseed db stop" and delete the data directory to start afresh.',
  );
}

async function initialise(context: PgCtlContext, log: (line: string) => void): Promise<EmbeddedState> {
  const { binaries, layout, user } = context;
  log(`Initialising a PostgreSQL ${binaries.version} cluster in ${layout.dataDir}${describeUser(user)}.`);
  const state: EmbeddedState = { password: randomBytes(12).toString('hex'), dataDir: layout.dataDir, databaseCreated: false };
  // Record the password before initdb bakes it in, so a crash in between cannot lose it.
  await writeState(layout.statePath, state);
  await initCluster(binaries, layout, user, state.password);
  return state;
}

/** Retries once on a lost race for an automatically chosen port. */
async function startOnFreePort(context: PgCtlContext, requested: number | undefined, last: number | undefined, log: (line: string) => void): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await choosePort(requested, attempt === 1 ? last : undefined);
    log(`Starting PostgreSQL on 127.0.0.1:${port}.`);
    try {
      await startServer(context, port);
      return port;
    } catch (error) {
      if (!(error instanceof PortInUseError) || requested !== undefined || attempt >= 2) throw error;
    }
  }
}

async function checkMajorVersion(dataDir: string, binaries: PgBinaries): Promise<void> {
  const clusterMajor = (await readFile(path.join(dataDir, 'PG_VERSION'), 'utf8')).trim();
  if (clusterMajor !== String(binaries.major)) {
    throw new EmbeddedPostgresError(
      `The data directory ${dataDir} was created by PostgreSQL ${clusterMajor}, but the available server is ` +
        `${binaries.version} (${binaries.binDir}). Install PostgreSQL ${clusterMajor} and set PG_BIN, or delete ` +
        'the data directory to create a new, empty cluster.',
    );
  }
}

function describeUser(user: ServerUser | undefined): string {
  return user ? ` (as user ${user.name}: PostgreSQL refuses to run as root)` : '';
}
