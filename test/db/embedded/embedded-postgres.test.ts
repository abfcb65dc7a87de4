import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedNotRunningError, EmbeddedPostgresError, PortInUseError } from '../../../src/db/embedded/embedded-errors.js';
import { relocatedBaseDir } from '../../../src/db/embedded/embedded-layout.js';
import { embeddedUrl, startEmbedded, statusEmbedded, stopEmbedded } from '../../../src/db/embedded/embedded-postgres.js';

const isRoot = process.getuid?.() === 0;
const homes: string[] = [];

async function createHome(label: string): Promise<string> {
  const home = path.join(await mkdtemp(path.join(os.tmpdir(), `medseed-embedded-${label}-`)), 'home');
  homes.push(home);
  return home;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, Math.round(performance.now() - started)];
}

function occupyPort(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

afterAll(async () => {
  for (const home of homes) {
    await stopEmbedded({ home }).catch(() => undefined);
    await rm(path.dirname(home), { recursive: true, force: true });
    await rm(relocatedBaseDir(home), { recursive: true, force: true });
  }
}, 60_000);

describe('embedded PostgreSQL on one home', () => {
  let home: string;
  let firstUrl: string;
  const logLines: string[] = [];
  const log = (line: string) => logLines.push(line);

  beforeAll(async () => {
    home = await createHome('main');
  });

  it('reports a fresh home as neither initialised nor running', async () => {
    expect(await statusEmbedded({ home })).toEqual({ running: false, initialised: false, dataDir: path.join(home, 'pg') });
    await expect(embeddedUrl({ home })).rejects.toBeInstanceOf(EmbeddedNotRunningError);
  });

  it('cold-starts a server that answers queries with pg_stat_statements preloaded', async () => {
    const [started, ms] = await timed(() => startEmbedded({ home, log }));
    console.log(`cold start (initdb + start + create database): ${ms} ms`);
    expect(started.alreadyRunning).toBe(false);
    expect(started.port).not.toBe(5432);
    expect(started.url).toMatch(new RegExp(`^postgres://medseed:[0-9a-f]{24}@127\\.0\\.0\\.1:${started.port}/medseed$`));
    expect(await query(started.url, 'select 1 as one, current_database() as db')).toEqual([{ one: 1, db: 'medseed' }]);
    const [preload] = await query<{ shared_preload_libraries: string }>(started.url, 'show shared_preload_libraries');
    expect(preload?.shared_preload_libraries).toContain('pg_stat_statements');
    expect(logLines.join('\n')).not.toMatch(/[0-9a-f]{24}/);
    firstUrl = started.url;
  });

  it('keeps the credentials outside the data directory with mode 0600', async () => {
    const credentials = path.join(home, 'pg-credentials.json');
    expect((await stat(credentials)).mode & 0o777).toBe(0o600);
    expect(firstUrl).toContain(JSON.parse(await readFile(credentials, 'utf8')).password);
  });

  it('reuses the running server on a second start', async () => {
    const [again, ms] = await timed(() => startEmbedded({ home }));
    console.log(`start while running: ${ms} ms`);
    expect(again).toMatchObject({ alreadyRunning: true, url: firstUrl });
  });

  it('reports status and URL of the running server', async () => {
    const status = await statusEmbedded({ home });
    expect(status).toMatchObject({ running: true, initialised: true, url: firstUrl });
    expect(status.pid).toBeGreaterThan(0);
    expect(await embeddedUrl({ home })).toBe(firstUrl);
  });

  it('stops, then warm-starts on the same port without initdb', async () => {
    expect(await stopEmbedded({ home })).toEqual({ wasRunning: true });
    expect(await statusEmbedded({ home })).toMatchObject({ running: false, initialised: true });
    expect(await stopEmbedded({ home })).toEqual({ wasRunning: false });

    logLines.length = 0;
    const [started, ms] = await timed(() => startEmbedded({ home, log }));
    console.log(`warm start: ${ms} ms`);
    expect(started).toMatchObject({ alreadyRunning: false, url: firstUrl });
    expect(logLines.join('\n')).not.toMatch(/Initialising/);
    expect(ms).toBeLessThan(2_000);
    expect(await query(started.url, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('serialises concurrent starts on one home', async () => {
    await stopEmbedded({ home });
    const results = await Promise.all([startEmbedded({ home }), startEmbedded({ home })]);
    expect(results.map((result) => result.alreadyRunning).sort()).toEqual([false, true]);
    expect(results[1]?.url).toBe(results[0]?.url);
  });

  it('recovers from a stale postmaster.pid left by a dead process', async () => {
    const { dataDir } = await statusEmbedded({ home });
    await stopEmbedded({ home });
    const deadPid = spawnSync('true').pid;
    await writeFile(path.join(dataDir, 'postmaster.pid'), `${deadPid}\n${dataDir}\n1700000000\n${new URL(firstUrl).port}\n\n127.0.0.1\n  1   2\nready\n`);
    logLines.length = 0;
    const started = await startEmbedded({ home, log });
    expect(started.alreadyRunning).toBe(false);
    expect(logLines.join('\n')).toMatch(/Removed stale/);
    expect(await query(started.url, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('refuses a requested port that another process holds', async () => {
    await stopEmbedded({ home });
    const blocker = await occupyPort(0);
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const attempt = startEmbedded({ home, port });
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(attempt).rejects.toThrow(/in use.*Omit --port/);
    } finally {
      blocker.close();
    }
  });

  it('moves to a free port when the last one is taken', async () => {
    const lastPort = Number(new URL(firstUrl).port);
    const blocker = await occupyPort(lastPort);
    try {
      const started = await startEmbedded({ home });
      expect(started.port).not.toBe(lastPort);
      expect(await query(started.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      blocker.close();
    }
  });

  it('reports a postmaster.pid whose pid now belongs to another program', async () => {
    const { dataDir } = await statusEmbedded({ home });
    await stopEmbedded({ home });
    const sleeper = spawn('sleep', ['30']);
    try {
      await writeFile(path.join(dataDir, 'postmaster.pid'), `${sleeper.pid}\n${dataDir}\n1700000000\n5999\n\n127.0.0.1\n  1   2\nready\n`);
      const attempt = startEmbedded({ home });
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
      await expect(attempt).rejects.toThrow(/running "sleep", not PostgreSQL.*delete/);
    } finally {
      sleeper.kill();
    }
    await rm(path.join(dataDir, 'postmaster.pid'));
  });
});

describe.runIf(isRoot)('embedded PostgreSQL as root', () => {
  it('keeps the data directory in tmp when the server user cannot reach home', async () => {
    const home = await createHome('private');
    await chmod(path.dirname(home), 0o700);
    const logLines: string[] = [];
    const started = await startEmbedded({ home, log: (line) => logLines.push(line) });
    expect(started.dataDir).toBe(path.join(relocatedBaseDir(home), 'pg'));
    expect(logLines.join('\n')).toMatch(/cannot reach/);
    expect(await query(started.url, 'select current_user as who')).toEqual([{ who: 'medseed' }]);
    expect(await stopEmbedded({ home })).toEqual({ wasRunning: true });
  });
});
