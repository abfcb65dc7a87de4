import { MissingLexemeError, type EnglishLexemes } from './english-lexemes.js';
import { parseText } from './parse-text.js';
import { ENGLISH_DICTIONARY } from './token-types.js';

// Limits of tsvector (src/include/tsearch/ts_type.h): positions above 16383 are stored as 16383,
// a lexeme keeps at most 255 positions, and a token of 2047 bytes or more is not indexed at all.
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;
const MAX_TOKEN_LENGTH = 2047;

/**
 * Lexemes are numbered once (vectors are built from small integers, not strings); each keeps its
 * tsvector text prefix, quoted with ' and \ doubled as tsvectorout does: `'lexeme':`.
 */
const lexemeIds = new Map<string, number>();
const lexemeText: string[] = [];
const lexemePrefix: string[] = [];
/** Each lexeme's place in PostgreSQL's order among those numbered at the last ranking; -1 if newer. */
const lexemeRank: number[] = [];
let unranked = 0;
const STOP_WORD = -1;

// PostgreSQL orders lexemes by bytes, a prefix before the longer word: for ASCII, JavaScript's
// string order. Comparing ranks is far cheaper than comparing strings; lexemes numbered since the
// last ranking (new numbers, mostly) fall back to the strings, which agree with the ranks.
function compareLexemes(a: number, b: number): number {
  const ra = lexemeRank[a]!;
  const rb = lexemeRank[b]!;
  if (ra >= 0 && rb >= 0) return ra - rb;
  return lexemeText[a]! < lexemeText[b]! ? -1 : 1;
}

function rankLexemes(): void {
  const order = lexemeText.map((_, id) => id).sort((a, b) => (lexemeText[a]! < lexemeText[b]! ? -1 : 1));
  order.forEach((id, rank) => (lexemeRank[id] = rank));
  unranked = 0;
}

function lexemeId(lexeme: string): number {
  let id = lexemeIds.get(lexeme);
  if (id === undefined) {
    id = lexemeText.length;
    lexemeIds.set(lexeme, id);
    lexemeText.push(lexeme);
    lexemePrefix.push(`'${lexeme.replace(/['\\]/g, (c) => c + c)}':`);
    lexemeRank.push(-1);
    unranked++;
  }
  return id;
}

/** What the english configuration keeps of each indexed token, in order: a lexeme id, or STOP_WORD (it still takes a position). */
type Entries = readonly number[];

function indexedEntries(text: string, lexemes: EnglishLexemes, whole: string): number[] {
  const entries: number[] = [];
  for (const token of parseText(text)) {
    const dictionary = ENGLISH_DICTIONARY[token.type];
    if (dictionary === undefined || token.text.length >= MAX_TOKEN_LENGTH) continue;
    const word = token.text.toLowerCase();
    if (dictionary === 'simple') {
      entries.push(lexemeId(word));
      continue;
    }
    const lexeme = lexemes.get(word);
    if (lexeme === undefined) throw new MissingLexemeError(word, whole);
    entries.push(lexeme === null ? STOP_WORD : lexemeId(lexeme));
  }
  return entries;
}

// Notes repeat the same words endlessly, so each word's parse (text between whitespace) is kept.
// (Keeping clauses or sections too was measured slower: the extra garbage outweighs the hits.)
// Splitting at whitespace is exact for text without '<': only tags and comments carry a token
// across whitespace, and text after whitespace starts where the parser is in a blank, which a
// leading " " reproduces (".5" alone would start a path; after a blank it does not).
const CACHE_LIMIT = 200_000;
const WHITESPACE = /[ \t\n\v\f\r]+/;
// Two caches per lexicon: words that start the text, and words after whitespace (keyed by the word
// itself, so no " word" string is built and hashed for every word of every note).
const wordCaches = new WeakMap<EnglishLexemes, { first: Map<string, Entries>; later: Map<string, Entries> }>();

function textEntries(text: string, lexemes: EnglishLexemes): Entries[] {
  if (text.includes('<')) return [indexedEntries(text, lexemes, text)];
  let caches = wordCaches.get(lexemes);
  if (!caches) wordCaches.set(lexemes, (caches = { first: new Map(), later: new Map() }));
  if (caches.later.size > CACHE_LIMIT) caches.later.clear();
  if (caches.first.size > CACHE_LIMIT) caches.first.clear();
  const parts = text.split(WHITESPACE);
  const result: Entries[] = [];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (part === '') continue;
    // Only a first part that starts the text has nothing before it.
    const words = k > 0 ? caches.later : caches.first;
    let found = words.get(part);
    if (found === undefined) {
      found = indexedEntries(k > 0 ? ` ${part}` : part, lexemes, text);
      words.set(part, found);
    }
    result.push(found);
  }
  return result;
}

// Per-vector scratch space, reused: positions by lexeme id, and the ids seen.
const positionsById: number[][] = [];
const seen: number[] = [];

/**
 * `to_tsvector('english', text)` computed in TypeScript, as PostgreSQL's tsvector text output
 * (`'lexeme':1,4 'other':2`), so COPY can load the vector the server would have computed. Every
 * indexed token takes a position, stop words included; blanks and tags take none.
 *
 * @example toTsvector('Shortness of breath', lexemes) // "'breath':3 'short':1"
 */
export function toTsvector(text: string, lexemes: EnglishLexemes): string {
  return vectorOf([textEntries(text, lexemes)]);
}

/** The tsvector text of the indexed tokens of consecutive runs of words, in order. */
function vectorOf(runs: readonly (readonly Entries[])[]): string {
  while (positionsById.length < lexemeText.length) positionsById.push([]);
  seen.length = 0;
  let position = 0;
  for (const run of runs) {
    for (const entries of run) {
      for (const id of entries) {
        position++;
        if (id === STOP_WORD) continue;
        const at = position < MAX_POSITION ? position : MAX_POSITION;
        const list = positionsById[id]!;
        if (list.length === 0) seen.push(id);
        else if (list.length >= MAX_POSITIONS_PER_LEXEME || list[list.length - 1] === at) continue;
        list.push(at);
      }
    }
  }
  if (unranked > 500) rankLexemes();
  seen.sort(compareLexemes);
  let out = '';
  for (let k = 0; k < seen.length; k++) {
    const list = positionsById[seen[k]!]!;
    out += (k === 0 ? '' : ' ') + lexemePrefix[seen[k]!]! + (list.length === 1 ? String(list[0]) : list.join(','));
    list.length = 0;
  }
  return out;
}

// Notes copy whole sections forward from the patient's previous note (most sections, REALISM.md):
// the same section string comes back again and again, so its words' entries are kept per section.
// A patient's notes are written together, so a small cache gets the hits; a large one filled the
// loader's capped worker heap at 10x (sections are kilobytes each).
const SECTION_CACHE_LIMIT = 500;
const sectionCaches = new WeakMap<EnglishLexemes, Map<string, Entries[]>>();

/** A piece that follows whitespace: every word in it is parsed as after a blank. */
function followingEntries(piece: string, lexemes: EnglishLexemes): Entries[] {
  let cache = sectionCaches.get(lexemes);
  if (!cache) sectionCaches.set(lexemes, (cache = new Map()));
  let found = cache.get(piece);
  if (found === undefined) {
    if (cache.size > SECTION_CACHE_LIMIT) cache.clear();
    found = textEntries(` ${piece}`, lexemes);
    cache.set(piece, found);
  }
  return found;
}

/**
 * toTsvector(text) for a text made of `pieces` separated by whitespace (a note: its title, then
 * each heading and section), reusing the parse of pieces seen before. Exact because no token spans
 * whitespace in text without '<'; text with '<' is parsed whole.
 */
export function toTsvectorOfPieces(text: string, pieces: readonly string[], lexemes: EnglishLexemes): string {
  if (text.includes('<')) return toTsvector(text, lexemes);
  return vectorOf(pieces.map((piece, i) => (i === 0 ? textEntries(piece, lexemes) : followingEntries(piece, lexemes))));
}
