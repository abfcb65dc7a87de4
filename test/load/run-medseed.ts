import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';

const cli = path.resolve('bin', 'medseed.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (dist/) as a user would; DATABASE_URL is cleared so only --db decides. */
export function runMedseed(...args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Polls `check` until it returns a value, or throws naming what never happened; also throws, with
 * its output, when the command `running` ends first.
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, running?: Promise<CliResult>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let ended: CliResult | undefined;
  void running?.then((result) => (ended = result));
  while (Date.now() < deadline) {
    if (ended) throw new Error(`medseed ended (exit ${ended.code}) before ${what}:\n${ended.stdout}${ended.stderr}`);
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** True once medseed.runs holds a 'running' row: the tables are prepared and the COPY is starting. */
export async function hasRunningRun(client: pg.Client): Promise<true | undefined> {
  try {
    // past 'prepare' (emptiness check, truncation): another session's writes or locks no longer race it
    const result = await client.query("SELECT 1 FROM medseed.runs WHERE status = 'running' AND phase NOT IN ('migrate', 'prepare')");
    return result.rowCount ? true : undefined;
  } catch {
    // medseed.runs does not exist yet: seed is still migrating
    return undefined;
  }
}

export async function connectTo(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

export async function lastRun(client: pg.Client): Promise<Record<string, unknown> | undefined> {
  return (await client.query('SELECT * FROM medseed.runs ORDER BY id DESC LIMIT 1')).rows[0] as Record<string, unknown> | undefined;
}
