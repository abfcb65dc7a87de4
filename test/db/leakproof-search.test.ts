import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { medseedSync as medseed } from '../support/medseed-sync.js';
import { readLeakproofSearch } from '../../src/db/leakproof-search.js';
import { catalogSnapshot } from '../support/catalog-snapshot.js';
import { createTestDatabase } from '../support/test-database.js';

describe('LEAKPROOF text search is an explicit opt-in (real CLI)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase('leakproof');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('migrate leaves ts_match_vq alone; --leakproof-search marks it, --no-leakproof-search clears it', async () => {
    expect(medseed('migrate', '--db', database.url).code).toBe(0);
    expect(await readLeakproofSearch(client)).toBe(false);

    const on = medseed('migrate', '--db', database.url, '--leakproof-search');
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toMatch(/Marked pg_catalog\.ts_match_vq\(tsvector, tsquery\) LEAKPROOF in this database/);
    expect(on.stdout).toMatch(/Undo: medseed migrate --no-leakproof-search/);
    expect(await readLeakproofSearch(client)).toBe(true);

    const off = medseed('migrate', '--db', database.url, '--no-leakproof-search');
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toMatch(/Cleared the LEAKPROOF mark/);
    expect(await readLeakproofSearch(client)).toBe(false);
  });

  it('refuses the flag without superuser, before changing anything', async () => {
    const role = `medseed_t_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const other = await createTestDatabase('leakproof-nosuper');
    const admin = new pg.Client({ connectionString: other.url });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
      const before = await catalogSnapshot(admin);
      const url = new URL(other.url);
      url.username = role;
      url.password = password;
      for (const flag of ['--leakproof-search', '--no-leakproof-search']) {
        for (const command of ['migrate', 'seed']) {
          const { code, stdout, stderr } = medseed(command, '--db', url.toString(), flag, ...(command === 'seed' ? ['--profile', 'tiny', '--quiet'] : []));
          expect(code, `${command} ${flag}: ${stderr}`).toBe(2);
          expect(stderr).toMatch(new RegExp(`${flag}: only a superuser can \\w+ pg_catalog\\.ts_match_vq.*role "${role}" is not one; nothing was changed`));
          expect(stderr).not.toContain(password);
          expect(stdout).toBe('');
        }
      }
      expect(await catalogSnapshot(admin)).toEqual(before);
    } finally {
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
      await other.drop();
    }
  });

  it('seed records the choice and the state it ran with in medseed.runs.options', async () => {
    const optionsOfLastRun = async () =>
      (await client.query<{ options: unknown }>('SELECT options FROM medseed.runs ORDER BY id DESC LIMIT 1')).rows[0]!.options;

    const chosen = medseed('seed', '--db', database.url, '--profile', 'tiny', '--quiet', '--leakproof-search');
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(await optionsOfLastRun()).toMatchObject({ leakproofTextSearch: true, tsMatchVqLeakproof: true });

    // Not asked this time, but the server has it from before: the run says what it measured with.
    const inherited = medseed('seed', '--db', database.url, '--profile', 'tiny', '--quiet', '--reset');
    expect(inherited.code, inherited.stderr).toBe(0);
    expect(await optionsOfLastRun()).toMatchObject({ tsMatchVqLeakproof: true });
    expect(await optionsOfLastRun()).not.toHaveProperty('leakproofTextSearch');

    const cleared = medseed('seed', '--db', database.url, '--profile', 'tiny', '--quiet', '--reset', '--no-leakproof-search');
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(await optionsOfLastRun()).toMatchObject({ leakproofTextSearch: false, tsMatchVqLeakproof: false });
    expect(await readLeakproofSearch(client)).toBe(false);
  });

  it('tells once, on a database an earlier medseed migrated with 0004, that ts_match_vq is LEAKPROOF and how to undo it', async () => {
    // What the retired migration left: its row, and the mark.
    await client.query(
      "INSERT INTO medseed.schema_migrations (tag, phase, checksum) VALUES ('0004_leakproof_text_search', 'post-load', 'old')",
    );
    await client.query('ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF');
    const first = medseed('migrate', '--db', database.url);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Schema is up to date/);
    expect(first.stderr).toMatch(/migration 0004_leakproof_text_search, now retired.*LEAKPROOF in this database/);
    expect(first.stderr).toMatch(/medseed migrate --no-leakproof-search, or as a superuser ALTER FUNCTION pg_catalog\.ts_match_vq\(tsvector, tsquery\) NOT LEAKPROOF/);
    const second = medseed('migrate', '--db', database.url);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toMatch(/0004/);
    expect(await readLeakproofSearch(client)).toBe(true);
  });
});
