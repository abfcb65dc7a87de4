import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMedseed } from '../load/run-medseed.js';
import { CI_SEED_42, createSeededTestDatabase } from '../support/seeded-test-database.js';
import { SEARCH_QUERIES } from './search-queries.js';

// The documents each search finds on profile ci, seed 42, recorded while PostgreSQL still computed
// search_vector itself (a generated column). Vectors are now computed by medseed; the same searches
// must find exactly the same documents. Long result lists are pinned by count and sha256 of the
// sorted ids, short ones are listed in full so a difference is readable.
// Update (only with a reason that keeps search results comparable): npx vitest run test/text-search/search-results.test.ts -u
const LISTED_UP_TO = 150;

describe('full-text search on profile ci, seed 42', () => {
  let database: Awaited<ReturnType<typeof createSeededTestDatabase>>;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createSeededTestDatabase('search_results', CI_SEED_42);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  }, 300_000);
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('finds exactly the documents it found when PostgreSQL computed the vectors', async () => {
    // The notes themselves must be the ones searched before: a new vector over other text proves nothing.
    const notes = await client.query<{ n: string; sha: string }>(
      "SELECT count(*) AS n, encode(sha256(convert_to(string_agg(id || E'\\t' || title || E'\\t' || body, E'\\n' ORDER BY id), 'UTF8')), 'hex') AS sha FROM documents",
    );
    const blocks = [`documents (id, title, body): ${notes.rows[0]!.n} rows, sha256 ${notes.rows[0]!.sha}`];
    for (const [parser, text] of SEARCH_QUERIES) {
      const found = await client.query<{ id: string }>(
        `SELECT id FROM documents WHERE search_vector @@ ${parser}('english', $1) ORDER BY id`,
        [text],
      );
      const ids = found.rows.map((row) => row.id);
      const sha = createHash('sha256').update(ids.join('\n')).digest('hex');
      const header = `${parser}('english', ${JSON.stringify(text)}): ${ids.length} documents, sha256 ${sha}`;
      blocks.push(ids.length <= LISTED_UP_TO ? [header, ...ids.map((id) => `  ${id}`)].join('\n') : header);
    }
    await expect(`${blocks.join('\n')}\n`).toMatchFileSnapshot('../golden/search-ci-seed-42.txt');
  });

  it("stores, for every note, the very vector the server's to_tsvector makes of its title and body", async () => {
    const check = await client.query<{ n: string; differing: string[] | null }>(
      `SELECT count(*) AS n, (array_agg(id::text) FILTER (WHERE search_vector::text IS DISTINCT FROM to_tsvector('english', title || ' ' || body)::text))[1:5] AS differing
         FROM documents`,
    );
    expect(Number(check.rows[0]!.n)).toBeGreaterThan(4000);
    expect(check.rows[0]!.differing).toBeNull();
  });

  it("keeps the application's own writes right: a note inserted without a vector, and an edited body", async () => {
    const note = await client.query<{ id: string }>('SELECT id FROM documents ORDER BY id LIMIT 1');
    await client.query(
      `INSERT INTO documents (id, org_id, patient_id, encounter_id, author_id, type_code, type_display, title, body, status, created_at)
       SELECT '00000000-0000-8000-8000-00000000abcd', org_id, patient_id, encounter_id, author_id, type_code, type_display,
              'Telephone encounter', 'Patient reports flibbertigibbet wheezing after starting zanzibarol.', 'preliminary', created_at
         FROM documents WHERE id = $1`,
      [note.rows[0]!.id],
    );
    await client.query("UPDATE documents SET body = 'Seen for quixotical hemoptysis; started xylocarbazole.' WHERE id = $1", [note.rows[0]!.id]);
    const found = async (query: string) =>
      (await client.query<{ id: string }>("SELECT id FROM documents WHERE search_vector @@ plainto_tsquery('english', $1) ORDER BY id", [query])).rows.map((r) => r.id);
    expect(await found('flibbertigibbet zanzibarol')).toEqual(['00000000-0000-8000-8000-00000000abcd']);
    expect(await found('quixotical xylocarbazole')).toEqual([note.rows[0]!.id]);
    const stale = await client.query("SELECT id FROM documents WHERE search_vector IS DISTINCT FROM to_tsvector('english', title || ' ' || body)");
    expect(stale.rows).toEqual([]);
    await client.query("DELETE FROM documents WHERE id = '00000000-0000-8000-8000-00000000abcd'");
  });

  it('fails verify, naming the note, when one stored vector was tampered with (real CLI)', async () => {
    const victim = (await client.query<{ id: string }>('SELECT id FROM documents ORDER BY id OFFSET 7 LIMIT 1')).rows[0]!.id;
    await client.query("UPDATE documents SET search_vector = to_tsvector('english', 'nothing to see') WHERE id = $1", [victim]);
    const verify = await runMedseed('verify', '--db', database.url, '--json');
    expect(verify.code, verify.stderr).toBe(1);
    const report = JSON.parse(verify.stdout) as { schema: { searchVectors: { mismatched: number; sampleIds: string[] }; problems: string[] } };
    expect(report.schema.searchVectors).toMatchObject({ mismatched: 1, sampleIds: expect.arrayContaining([victim]) });
    const text = await runMedseed('verify', '--db', database.url);
    expect(text.stdout).toMatch(new RegExp(`search vectors differ from to_tsvector\\('english', title \\|\\| ' ' \\|\\| body\\) in 1 of \\d+ documents \\([^)]*${victim}`));
  }, 180_000);
});
