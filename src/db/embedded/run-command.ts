import { spawn } from 'node:child_process';
import { EmbeddedPostgresError } from './embedded-errors.js';
import type { ServerUser } from './server-user.js';

export interface RunOptions {
  timeoutMs: number;
  /** Run as this user instead of the current one (needs root). */
  runAs?: ServerUser;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const maxCapturedChars = 64 * 1024;

/**
 * Runs a PostgreSQL tool to completion and captures its output; never rejects on a non-zero exit,
 * only when the program cannot be started at all.
 */
export function runCommand(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      // The server user may not be able to enter our working directory; initdb and pg_ctl need none.
      cwd: '/',
      env: createToolEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.runAs ? { uid: options.runAs.uid, gid: options.runAs.gid } : {}),
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < maxCapturedChars) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < maxCapturedChars) stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      const who = options.runAs ? ` as user ${options.runAs.name}` : '';
      reject(new EmbeddedPostgresError(`Could not run ${file}${who}: ${error.message}`, { cause: error }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/**
 * The environment for PostgreSQL tools: PG* variables of the caller's shell (PGDATA, PGPORT, PGOPTIONS)
 * would silently override what we pass, and LC_ALL=C keeps messages in English so they can be matched.
 */
export function createToolEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PG')) env[key] = value;
  }
  env.LC_ALL = 'C';
  return env;
}

/** The last non-empty lines of a tool's output, for error messages. */
export function lastLines(text: string, count = 10): string[] {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0)
    .slice(-count);
}
