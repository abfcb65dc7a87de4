import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const cli = path.resolve('bin', 'medseed.js');

/** How a medseed process ended, and everything it printed. */
export interface MedseedResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A medseed process still running: its output so far, a way to wait for a line, and its end. */
export interface RunningMedseed {
  readonly pid: number;
  stderr(): string;
  /** Resolves with the first match in stderr; rejects if the process ends first or after timeoutMs. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  kill(signal: NodeJS.Signals): void;
  readonly done: Promise<MedseedResult>;
}

/**
 * A PostgreSQL cluster of its own for fault tests (stopping it or filling its disk must never hit
 * the shared test server), driven through the real CLI with MEDSEED_HOME pointing at it.
 */
export interface ThrowawayServer {
  readonly home: string;
  /** The embedded URL, password included: for the test's own connections, never printed. */
  readonly url: string;
  readonly password: string;
  /** Everything every medseed process printed, to prove the password never appears. */
  readonly transcript: string[];
  run(...args: string[]): Promise<MedseedResult>;
  spawn(...args: string[]): RunningMedseed;
  /** A superuser connection to the medseed database; errors (server stopped) are swallowed. */
  connect(applicationName?: string): Promise<pg.Client>;
  /** Stops the server (if running) and deletes home, unless keepHome (a mount point the caller removes). */
  destroy(options?: { keepHome?: boolean }): Promise<void>;
}

/**
 * Starts a throwaway embedded server through `medseed db start`. `home` defaults to a fresh temporary
 * directory; it is made traversable because the server runs as the unprivileged postgres user when
 * the tests run as root (see src/db/embedded/server-user.ts).
 */
export async function startThrowawayServer(label: string, options: { home?: string } = {}): Promise<ThrowawayServer> {
  const home = options.home ?? (await mkdtemp(path.join(os.tmpdir(), `medseed-${label}-`)));
  await chmod(home, 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env, MEDSEED_HOME: home };
  delete env.DATABASE_URL;
  const children = new Set<ChildProcess>();
  const transcript: string[] = [];

  const spawnMedseed = (args: string[]): RunningMedseed => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const done = new Promise<MedseedResult>((resolve) => {
      child.on('close', (code, signal) => {
        children.delete(child);
        transcript.push(stdout, stderr);
        resolve({ code, signal, stdout, stderr });
      });
    });
    return {
      pid: child.pid!,
      stderr: () => stderr,
      kill: (signal) => child.kill(signal),
      done,
      waitForStderr: (pattern, timeoutMs = 60_000) =>
        new Promise((resolve, reject) => {
          const check = () => {
            const match = pattern.exec(stderr);
            if (match) finish(() => resolve(match));
          };
          const onClose = () => {
            check();
            finish(() => reject(new Error(`medseed ${args.join(' ')} ended before printing ${pattern}:\n${stderr}`)));
          };
          const timer = setTimeout(() => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${stderr}`))), timeoutMs);
          let finished = false;
          const finish = (settle: () => void) => {
            if (finished) return;
            finished = true;
            clearTimeout(timer);
            child.stderr!.off('data', check);
            child.off('close', onClose);
            settle();
          };
          child.stderr!.on('data', check);
          child.on('close', onClose);
          check();
        }),
    };
  };

  const run = (...args: string[]) => spawnMedseed(args).done;
  const started = await run('db', 'start');
  if (started.code !== 0) throw new Error(`medseed db start failed in ${home}:\n${started.stderr}`);
  // `db url` prints the password by design: kept out of the transcript.
  const url = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'db', 'url'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`medseed db url exited ${code}`))));
  });
  const password = decodeURIComponent(new URL(url).password);

  return {
    home,
    url,
    password,
    transcript,
    run,
    spawn: (...args) => spawnMedseed(args),
    async connect(applicationName = 'medseed-test') {
      const client = new pg.Client({ connectionString: url, application_name: applicationName });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
    async destroy(destroyOptions = {}) {
      for (const child of children) child.kill('SIGKILL');
      await run('db', 'stop');
      if (!destroyOptions.keepHome) await rm(home, { recursive: true, force: true });
    },
  };
}
