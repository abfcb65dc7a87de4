import { createHash } from 'node:crypto';
import { inject } from 'vitest';
import { runMedseed } from '../load/run-medseed.js';
import { createTestDatabase } from './test-database.js';
import { withClient } from './with-client.js';

/** Profile ci, seed 42 (the default seed, named so every file shares one template). */
export const CI_SEED_42 = ['--profile', 'ci', '--seed', '42'] as const;

/**
 * Creates a fresh database for one test file holding what `medseed seed <seedArgs> --quiet` loads.
 * The first file to ask for given seed arguments runs that real seed, through the CLI, into a
 * template database of this test run; every file (that one included) then gets its own copy
 * (CREATE DATABASE ... TEMPLATE, about 2 s for profile ci against 20 s for the seed). Only for
 * tests that use seeded data: a test of seeding itself must run its own seed.
 */
export async function createSeededTestDatabase(label: string, seedArgs: readonly string[]): Promise<Awaited<ReturnType<typeof createTestDatabase>>> {
  const adminUrl = inject('adminUrl');
  const key = createHash('sha256').update(JSON.stringify(seedArgs)).digest('hex').slice(0, 12);
  // per test run (global setup), so a template never outlives the code that seeded it
  const template = `tpl_${key}_${inject('testRunId')}`;
  await withClient(adminUrl, async (admin) => {
    // one lock per seed: files of the same seed wait for the first one's template, others do not
    const lockKey = Number.parseInt(key.slice(0, 8), 16) | 0;
    await admin.query('SELECT pg_advisory_lock($1::int)', [lockKey]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (!exists.rowCount) await seedTemplate(adminUrl, template, seedArgs);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1::int)', [lockKey]);
    }
  });
  return createTestDatabase(label, template);
}

async function seedTemplate(adminUrl: string, template: string, seedArgs: readonly string[]): Promise<void> {
  // seeded under another name and renamed when complete: a half-seeded template is never copied
  const building = `${template}_building`;
  await withClient(adminUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${building}`);
    const url = new URL(adminUrl);
    url.pathname = `/${building}`;
    const seed = await runMedseed('seed', '--db', url.toString(), ...seedArgs, '--quiet');
    if (seed.code !== 0) throw new Error(`seed ${seedArgs.join(' ')} failed (exit ${seed.code}):\n${seed.stdout}${seed.stderr}`);
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
  });
}
