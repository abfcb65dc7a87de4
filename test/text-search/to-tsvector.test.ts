import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingLexemeError, parseText, stemmedWords, TOKEN_TYPES, toTsvector, UnsupportedTextError } from '../../src/text-search/index.js';
import { createRandom } from '../../src/rng/random.js';
import { createTestDatabase } from '../support/test-database.js';

// The parser and the vector are compared with the server itself, on random text from alphabets
// that reach every state of PostgreSQL's default parser (words, hyphens, numbers, decimals,
// versions, exponents, hosts, emails, URLs, paths, tags, entities), at fixed seeds.
const ALPHABETS = [
  'aB1 -.,/;:%+()_e@~&<>#*[]{}\'"x9\n!?=',
  'aE1-.+e/',
  'htp:/w.og1~_-',
  'ab1-. /:_@',
  '<a/>!-"\\ =x?s&#;',
  'ab of the-1. ,/%\n',
];

function randomTexts(alphabet: string, seed: number, count: number, maxLength: number): string[] {
  const random = createRandom(`to-tsvector|${seed}`);
  return Array.from({ length: count }, () => {
    let text = '';
    const length = 1 + Math.floor(random.next() * maxLength);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(random.next() * alphabet.length)];
    return text;
  });
}

describe('to_tsvector in TypeScript against PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase('to_tsvector');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  async function serverLexemes(texts: readonly string[]): Promise<Map<string, string | null>> {
    const words = stemmedWords(texts);
    const rows = await client.query<{ w: string; l: string[] }>("SELECT w, ts_lexize('english_stem', w) AS l FROM unnest($1::text[]) AS w", [words]);
    return new Map(rows.rows.map((row) => [row.w, row.l[0] ?? null]));
  }

  it.each(ALPHABETS.map((alphabet, seed) => [seed, alphabet] as const))('splits text as ts_parse does (seed %i)', async (seed, alphabet) => {
    const texts = randomTexts(alphabet, seed, 4000, 16);
    const server = await client.query<{ i: string; tokens: string[] }>(
      `SELECT i, array_agg(t.tokid || ':' || t.token ORDER BY n) AS tokens
         FROM unnest($1::text[]) WITH ORDINALITY AS u(s, i), LATERAL ts_parse('default', s) WITH ORDINALITY AS t(tokid, token, n)
        GROUP BY i`,
      [texts],
    );
    const expected = new Map(server.rows.map((row) => [Number(row.i) - 1, row.tokens.join('|')]));
    const differing = texts.filter((text, i) => parseText(text).map((t) => `${TOKEN_TYPES.indexOf(t.type)}:${t.text}`).join('|') !== (expected.get(i) ?? ''));
    expect(differing).toEqual([]);
  });

  it.each(ALPHABETS.map((alphabet, seed) => [seed, alphabet] as const))('prints the vector to_tsvector prints (seed %i)', async (seed, alphabet) => {
    const texts = randomTexts(alphabet, 100 + seed, 2000, 60);
    const lexemes = await serverLexemes(texts);
    const server = await client.query<{ v: string }>("SELECT to_tsvector('english', s)::text AS v FROM unnest($1::text[]) WITH ORDINALITY AS u(s, i) ORDER BY i", [texts]);
    const differing = texts.filter((text, i) => toTsvector(text, lexemes) !== server.rows[i]!.v);
    expect(differing).toEqual([]);
  });

  it('caps positions at 16383 and keeps at most 255 per lexeme, as tsvector does', async () => {
    const long = `${'fever '.repeat(300)}${'cough and '.repeat(8200)}wheeze`;
    const lexemes = new Map([['fever', 'fever'], ['cough', 'cough'], ['and', null], ['wheeze', 'wheez']]);
    const server = await client.query<{ v: string }>("SELECT to_tsvector('english', $1)::text AS v", [long]);
    expect(toTsvector(long, lexemes)).toBe(server.rows[0]!.v);
    expect(toTsvector(long, lexemes)).toMatch(/'wheez':16383$/);
  });

  it('refuses, loudly, a word the lexeme list lacks and text it cannot split exactly', () => {
    expect(() => toTsvector('Patient denies dyspnoea', new Map([['patient', 'patient'], ['denies', 'deni']]))).toThrow(MissingLexemeError);
    expect(() => toTsvector('Patient denies dyspnoea', new Map())).toThrow(/no english_stem lexeme for "patient".*npm run fixtures:text-search/);
    expect(() => parseText('café au lait')).toThrow(UnsupportedTextError);
    expect(() => parseText('café au lait')).toThrow(/U\+00E9 at offset 3 is not ASCII/);
  });
});
