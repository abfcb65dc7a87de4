import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures } from '../../src/fixtures/load-fixtures.js';
import { buildVocabulary } from '../../src/generators/build-vocabulary.js';
import { noteTextSources } from '../../src/generators/notes/note-text-sources.js';
import { stemmedWords } from '../../src/text-search/index.js';
import { createTestDatabase } from '../support/test-database.js';

// fixtures/text_search_english.csv is what medseed's vectors are made of: it must say what the
// server's english_stem says, and list exactly the words notes can hold (regenerate it with
// npm run fixtures:text-search when either test fails).
describe('fixtures/text_search_english.csv', () => {
  const fixtures = loadFixtures();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase('lexeme_fixture');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it("gives every word the server's english_stem lexeme, and stop words none", async () => {
    const words = [...fixtures.englishLexemes.keys()];
    const server = await client.query<{ w: string; l: string[] }>("SELECT w, ts_lexize('english_stem', w) AS l FROM unnest($1::text[]) AS w", [words]);
    const differing = server.rows.filter((row) => (row.l[0] ?? null) !== fixtures.englishLexemes.get(row.w)).map((row) => `${row.w}: server ${JSON.stringify(row.l)}, fixture ${fixtures.englishLexemes.get(row.w)}`);
    expect(differing).toEqual([]);
    expect(server.rows.length).toBe(words.length);
    expect([...fixtures.englishLexemes.values()].filter((lexeme) => lexeme === null).length).toBeGreaterThan(30);
  });

  it('lists exactly the words of every phrase, diagnosis, medication, lab, unit, document type, heading and provider name', () => {
    const needed = stemmedWords(noteTextSources(buildVocabulary(fixtures)));
    expect(needed.filter((word) => !fixtures.englishLexemes.has(word))).toEqual([]);
    expect([...fixtures.englishLexemes.keys()].filter((word) => !needed.includes(word))).toEqual([]);
  });
});
