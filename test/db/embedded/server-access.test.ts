import { chmod, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPgBinaries } from '../../../src/db/embedded/find-pg-binaries.js';
import { canUserReach, ensureRunnableBy } from '../../../src/db/embedded/server-access.js';
import { resolveServerUser } from '../../../src/db/embedded/server-user.js';

const isRoot = process.getuid?.() === 0;
const scratch: string[] = [];

afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

describe('finding PostgreSQL binaries', () => {
  it('finds runnable binaries with a version', async () => {
    const binaries = await findPgBinaries();
    expect(binaries.major).toBeGreaterThanOrEqual(13);
    expect(await readdir(binaries.binDir)).toEqual(expect.arrayContaining(['initdb', 'pg_ctl', 'postgres']));
  });
});

describe.runIf(isRoot)('server access as root', () => {
  it('copies bundled binaries the server user cannot read to a readable cache, once', async () => {
    const bundled = await findPgBinaries();
    if (!bundled.nativeDir) return;
    const user = await resolveServerUser(path.join(os.tmpdir(), 'medseed-no-such-dir'));
    if (!user) throw new Error('expected a server user as root');

    // A private copy stands in for node_modules under /root (mode 0700).
    const privateRoot = await mkdtemp(path.join(os.tmpdir(), 'medseed-private-'));
    const cacheRoot = await mkdtemp(path.join(os.tmpdir(), 'medseed-cache-'));
    scratch.push(privateRoot, cacheRoot);
    await chmod(privateRoot, 0o700);
    // Like the real tmp dir, the cache root must be reachable by everyone.
    await chmod(cacheRoot, 0o755);
    await cp(bundled.nativeDir, path.join(privateRoot, 'native'), { recursive: true, verbatimSymlinks: true });
    const hidden = { ...bundled, nativeDir: path.join(privateRoot, 'native'), binDir: path.join(privateRoot, 'native', 'bin') };
    expect(await canUserReach(user, privateRoot)).toBe(false);

    const lines: string[] = [];
    const runnable = await ensureRunnableBy(hidden, user, (line) => lines.push(line), cacheRoot);
    expect(runnable.binDir.startsWith(cacheRoot)).toBe(true);
    expect(lines.join('\n')).toMatch(/copying/);

    lines.length = 0;
    const again = await ensureRunnableBy(hidden, user, (line) => lines.push(line), cacheRoot);
    expect(again.binDir).toBe(runnable.binDir);
    expect(lines.join('\n')).toMatch(/using the copy/);
  }, 30_000);
});
