import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { medseedSync as medseed } from '../support/medseed-sync.js';
import { closedPort } from '../support/closed-port.js';

const cli = path.resolve('bin', 'medseed.js');

describe('bad input gets a clear error and exit code 2', () => {
  it('rejects an unknown flag', () => {
    const { code, stderr } = medseed('generate', '--out', path.join(os.tmpdir(), 'medseed-never-written'), '--bogus-flag');
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown flag --bogus-flag/i);
  });

  it('names a misspelled hyphenated flag once, as typed (not also as its camelCase alias)', () => {
    const { code, stderr } = medseed('seed', '--index-concurency', '2');
    expect(code).toBe(2);
    expect(stderr.match(/unknown flag/g)).toHaveLength(1);
    expect(stderr).toMatch(/unknown flag --index-concurency: did you mean --index-concurrency\?/);
  });

  it('rejects an unknown command', () => {
    const { code, stderr } = medseed('seeed');
    expect(code).toBe(2);
    expect(stderr).toMatch(/seed/);
  });

  it('lists every invalid volume, date and shard with its path and fix', () => {
    const { code, stderr } = medseed('generate', '--out', path.join(os.tmpdir(), 'medseed-never-written'), '--patients', '-5', '--orgs', '1.5', '--reference-date', '2025-02-30', '--shard', '3/2');
    expect(code).toBe(2);
    expect(stderr).toMatch(/volumes\.patients: must be an integer >= 0, got -5/);
    expect(stderr).toMatch(/volumes\.orgs: must be an integer >= 1, got 1\.5/);
    expect(stderr).toMatch(/referenceDate: must be a real date written YYYY-MM-DD/);
    expect(stderr).toMatch(/shard: K must be between 1 and N, got 3\/2/);
  });

  it('rejects an unknown profile, naming the available ones', () => {
    const { code, stderr } = medseed('generate', '--out', path.join(os.tmpdir(), 'medseed-never-written'), '--profile', 'huge');
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown profile "huge"; available: 100x, 10x, baseline, ci, tiny/);
  });

  it('reports an unreachable --db without its password', async () => {
    const port = await closedPort();
    const { code, stderr } = medseed('migrate', '--db', `postgres://someone:s3cret-pw@127.0.0.1:${port}/nowhere`);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot reach PostgreSQL at postgres:\/\/someone:\*\*\*@127\.0\.0\.1/);
    expect(stderr).not.toMatch(/s3cret-pw/);
  });

  it('reports a port in use for the embedded server', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as net.AddressInfo;
    const home = mkdtempSync(path.join(os.tmpdir(), 'medseed-port-'));
    try {
      const result = spawnSync(process.execPath, [cli, 'db', 'start', '--port', String(port)], {
        encoding: 'utf8',
        env: { ...process.env, MEDSEED_HOME: home },
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`port ${port}.*in use`, 'i'));
    } finally {
      await new Promise((resolve) => busy.close(resolve));
      spawnSync(process.execPath, [cli, 'db', 'stop'], { env: { ...process.env, MEDSEED_HOME: home } });
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('rejects a --db that is not a PostgreSQL URL', () => {
    const { code, stderr } = medseed('migrate', '--db', 'mysql://x@y/z');
    expect(code).toBe(2);
    expect(stderr).toMatch(/scheme "mysql:" is not supported/);
  });

  it('has --help on every command', () => {
    for (const command of ['db', 'migrate', 'generate', 'seed', 'verify']) {
      const { code, stdout } = medseed(command, '--help');
      expect(code, command).toBe(0);
      expect(stdout, command).toMatch(/Options:/);
    }
  });
});
