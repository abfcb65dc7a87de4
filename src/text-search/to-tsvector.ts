import { MissingLexemeError, type EnglishLexemes } from './english-lexemes.js';
import { parseText } from './parse-text.js';
import { ENGLISH_DICTIONARY } from './token-types.js';

// Limits of tsvector (src/include/tsearch/ts_type.h): positions above 16383 are stored as 16383,
// a lexeme keeps at most 255 positions, and a token of 2047 bytes or more is not indexed at all.
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;
const MAX_TOKEN_LENGTH = 2047;

/** What the english configuration keeps of each indexed token, in order: a lexeme, or null for a stop word (it still takes a position). */
type Entries = readonly (string | null)[];

function indexedEntries(text: string, lexemes: EnglishLexemes, whole: string): (string | null)[] {
  const entries: (string | null)[] = [];
  for (const token of parseText(text)) {
    const dictionary = ENGLISH_DICTIONARY[token.type];
    if (dictionary === undefined || token.text.length >= MAX_TOKEN_LENGTH) continue;
    const word = token.text.toLowerCase();
    if (dictionary === 'simple') {
      entries.push(word);
      continue;
    }
    const lexeme = lexemes.get(word);
    if (lexeme === undefined) throw new MissingLexemeError(word, whole);
    entries.push(lexeme);
  }
  return entries;
}

// Notes repeat the same words and phrases endlessly, so the parse of each whitespace-separated
// chunk is kept. Splitting at whitespace is exact for text without '<': only tags and comments
// carry a token across whitespace, and a chunk after whitespace starts where the parser is in a
// blank, which " " + chunk reproduces (".5" alone would start a path; after a blank it does not).
const CACHE_LIMIT = 200_000;
const caches = new WeakMap<EnglishLexemes, Map<string, Entries>>();

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function chunkEntries(text: string, lexemes: EnglishLexemes): Entries[] {
  let cache = caches.get(lexemes);
  if (!cache) caches.set(lexemes, (cache = new Map()));
  if (cache.size > CACHE_LIMIT) cache.clear();
  const chunks: Entries[] = [];
  let i = 0;
  while (i < text.length) {
    const afterSpace = i > 0;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const start = i;
    while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
    if (i === start) break;
    const key = (afterSpace || start > 0 ? ' ' : '') + text.slice(start, i);
    let entries = cache.get(key);
    if (entries === undefined) {
      entries = indexedEntries(key, lexemes, text);
      cache.set(key, entries);
    }
    chunks.push(entries);
  }
  return chunks;
}

/**
 * `to_tsvector('english', text)` computed in TypeScript, as PostgreSQL's tsvector text output
 * (`'lexeme':1,4 'other':2`), so COPY can load the vector the server would have computed. Every
 * indexed token takes a position, stop words included; blanks and tags take none.
 *
 * @example toTsvector('Shortness of breath', lexemes) // "'breath':3 'short':1"
 */
export function toTsvector(text: string, lexemes: EnglishLexemes): string {
  const chunks = text.includes('<') ? [indexedEntries(text, lexemes, text)] : chunkEntries(text, lexemes);
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const entries of chunks) {
    for (const lexeme of entries) {
      position++;
      if (lexeme === null) continue;
      const at = Math.min(position, MAX_POSITION);
      const list = positions.get(lexeme);
      if (list === undefined) positions.set(lexeme, [at]);
      else if (list.length < MAX_POSITIONS_PER_LEXEME && list[list.length - 1] !== at) list.push(at);
    }
  }
  return formatTsvector(positions);
}

/**
 * tsvector's text form: lexemes in PostgreSQL's order (byte order, a prefix before the longer
 * word; for ASCII that is JavaScript's string order), quoted, with ' and \ escaped as tsvectorout does.
 */
function formatTsvector(positions: ReadonlyMap<string, readonly number[]>): string {
  const lexemes = [...positions.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let out = '';
  for (const lexeme of lexemes) {
    if (out.length > 0) out += ' ';
    const quoted = lexeme.includes("'") || lexeme.includes('\\') ? lexeme.replace(/['\\]/g, (c) => c + c) : lexeme;
    out += `'${quoted}':${positions.get(lexeme)!.join(',')}`;
  }
  return out;
}
