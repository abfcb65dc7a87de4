import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMedseed } from '../load/run-medseed.js';
import { createTestDatabase } from '../support/test-database.js';
import { SEARCH_QUERIES } from './search-queries.js';

// The documents each search finds on profile ci, seed 42, recorded while PostgreSQL still computed
// search_vector itself (a generated column). Vectors are now computed by medseed; the same searches
// must find exactly the same documents. Long result lists are pinned by count and sha256 of the
// sorted ids, short ones are listed in full so a difference is readable.
// Update (only with a reason that keeps search results comparable): npx vitest run test/text-search/search-results.test.ts -u
const LISTED_UP_TO = 150;

describe('full-text search on profile ci, seed 42', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase('search_results');
    const seed = await runMedseed('seed', '--db', database.url, '--profile', 'ci', '--seed', '42', '--quiet');
    expect(seed.code, seed.stderr).toBe(0);
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
});
