import { MissingLexemeError, type EnglishLexemes } from './english-lexemes.js';
import { parseText } from './parse-text.js';
import { ENGLISH_DICTIONARY } from './token-types.js';
import { VectorTextWriter } from './vector-text-writer.js';
import { hashWord, WordCache } from './word-cache.js';

// Limits of tsvector (src/include/tsearch/ts_type.h): positions above 16383 are stored as 16383,
// a lexeme keeps at most 255 positions, and a token of 2047 bytes or more is not indexed at all.
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;
const MAX_TOKEN_LENGTH = 2047;

/**
 * Lexemes are numbered once (vectors are built from small integers, not strings); each keeps its
 * tsvector text prefix as UTF-8 bytes, quoted with ' and \ doubled as tsvectorout does: `'lexeme':`.
 */
const lexemeIds = new Map<string, number>();
const lexemeText: string[] = [];
const lexemePrefix: Uint8Array[] = [];
const lexemeAscii: boolean[] = [];
/** Each lexeme's place in PostgreSQL's order among those numbered at the last ranking; -1 if newer. */
const lexemeRank: number[] = [];
/** The lexeme of each rank: the inverse of lexemeRank. */
const idOfRank: number[] = [];
let unranked = 0;
/** Vectors sorted by comparison since the last ranking (they held a lexeme numbered after it). */
let comparisonSorts = 0;
// Ranking all lexemes costs about what this many comparison sorts do: ranking after them keeps
// the cost of both low. (Ranking only every 500 new lexemes left 4 notes in 10 sorted by comparison.)
const COMPARISON_SORTS_PER_RANKING = 32;
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
  order.forEach((id, rank) => {
    lexemeRank[id] = rank;
    idOfRank[rank] = id;
  });
  unranked = 0;
  comparisonSorts = 0;
}

function lexemeId(lexeme: string): number {
  let id = lexemeIds.get(lexeme);
  if (id === undefined) {
    id = lexemeText.length;
    lexemeIds.set(lexeme, id);
    lexemeText.push(lexeme);
    const prefix = Buffer.from(`'${lexeme.replace(/['\\]/g, (c) => c + c)}':`);
    lexemePrefix.push(prefix);
    lexemeAscii.push(prefix.every((byte) => byte < 0x80));
    lexemeRank.push(-1);
    unranked++;
  }
  return id;
}

/**
 * What the english configuration keeps of a text's indexed tokens, in order: a lexeme id each, or
 * STOP_WORD (a stop word still takes a position). One flat array per text, not one per word: the
 * vector loop then walks plain integers.
 */
type Entries = readonly number[];

function appendIndexedEntries(text: string, lexemes: EnglishLexemes, whole: string, entries: number[]): void {
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
}

// Notes repeat the same words endlessly, so each word's parse (text between whitespace) is kept.
// (Keeping clauses or sections too was measured slower: the extra garbage outweighs the hits.)
// Splitting at whitespace is exact for text without '<': only tags and comments carry a token
// across whitespace, and text after whitespace starts where the parser is in a blank, which a
// leading " " reproduces (".5" alone would start a path; after a blank it does not).
const CACHE_LIMIT = 200_000;
// Two caches per lexicon: words that start the text, and words after whitespace (keyed by the word
// itself, so no " word" string is built for every word of every note).
const wordCaches = new WeakMap<EnglishLexemes, { first: WordCache<Entries>; later: WordCache<Entries> }>();

// The whitespace of PostgreSQL's parser (C isspace): blank, \t \n \v \f \r.
const isWhitespace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/**
 * The entries of `text`, or with `afterBlank` of the text preceded by whitespace (a note's piece),
 * without building that longer string: the engine reads a rope's characters far more slowly.
 */
function textEntries(text: string, lexemes: EnglishLexemes, afterBlank = false): Entries {
  const result: number[] = [];
  if (text.includes('<')) {
    const whole = afterBlank ? ` ${text}` : text;
    appendIndexedEntries(whole, lexemes, whole, result);
    return result;
  }
  let caches = wordCaches.get(lexemes);
  if (!caches) wordCaches.set(lexemes, (caches = { first: new WordCache(CACHE_LIMIT), later: new WordCache(CACHE_LIMIT) }));
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isWhitespace(text.charCodeAt(i))) i++;
    if (i === n) break;
    const start = i;
    while (i < n && !isWhitespace(text.charCodeAt(i))) i++;
    // Only a word that starts the text has nothing before it.
    const later = start > 0 || afterBlank;
    const words = later ? caches.later : caches.first;
    const hash = hashWord(text, start, i);
    let found = words.get(text, start, i, hash);
    if (found === undefined) {
      const word = text.slice(start, i);
      const parsed: number[] = [];
      appendIndexedEntries(later ? ` ${word}` : word, lexemes, text, parsed);
      words.set(word, hash, (found = parsed));
    }
    for (let k = 0; k < found.length; k++) result.push(found[k]!);
  }
  return result;
}

// Per-vector scratch space, reused and never shrunk: positions and their count by lexeme id, the
// ids seen and their ranks, the text. (Emptying a list with `length = 0` drops its storage, so
// every lexeme of every note allocated a fresh one: a quarter of all bytes generation allocated.)
const positionsById: number[][] = [];
const positionCounts: number[] = [];
let seen = new Int32Array(1024);
let seenRanks = new Int32Array(1024);
const writer = new VectorTextWriter();

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

/** The tsvector text of the indexed tokens of consecutive runs of text, in order. */
function vectorOf(runs: readonly Entries[]): string {
  while (positionsById.length < lexemeText.length) {
    positionsById.push([]);
    positionCounts.push(0);
  }
  let seenCount = 0;
  let position = 0;
  for (let r = 0; r < runs.length; r++) {
    const entries = runs[r]!;
    for (let e = 0; e < entries.length; e++) {
      const id = entries[e]!;
      position++;
      if (id === STOP_WORD) continue;
      const at = position < MAX_POSITION ? position : MAX_POSITION;
      const list = positionsById[id]!;
      const count = positionCounts[id]!;
      if (count === 0) {
        if (seenCount === seen.length) seen = grown(seen);
        seen[seenCount++] = id;
      } else if (count >= MAX_POSITIONS_PER_LEXEME || list[count - 1] === at) continue;
      list[count] = at;
      positionCounts[id] = count + 1;
    }
  }
  if (unranked > 500) rankLexemes();
  const ordered = sortSeen(seenCount);
  for (let k = 0; k < seenCount; k++) {
    const id = ordered[k]!;
    const list = positionsById[id]!;
    const count = positionCounts[id]!;
    writer.prefix(lexemePrefix[id]!, lexemeAscii[id]!);
    for (let p = 0; p < count; p++) writer.position(list[p]!, p === 0);
    positionCounts[id] = 0;
  }
  return writer.take();
}

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}

/**
 * The first `n` ids of `seen` in PostgreSQL's lexeme order. When every lexeme has a rank (nearly
 * always, once the vocabulary has been seen), the ranks sort as plain integers, natively; else by
 * comparison.
 */
function sortSeen(n: number): ArrayLike<number> {
  let ranked = true;
  for (let k = 0; k < n && ranked; k++) ranked = lexemeRank[seen[k]!]! >= 0;
  if (!ranked) {
    if (++comparisonSorts < COMPARISON_SORTS_PER_RANKING) return Array.from(seen.subarray(0, n)).sort(compareLexemes);
    rankLexemes();
  }
  if (seenRanks.length < seen.length) seenRanks = new Int32Array(seen.length);
  for (let k = 0; k < n; k++) seenRanks[k] = lexemeRank[seen[k]!]!;
  const ranks = seenRanks.subarray(0, n).sort();
  for (let k = 0; k < n; k++) seen[k] = idOfRank[ranks[k]!]!;
  return seen;
}

// Notes copy whole sections forward from the patient's previous note (most sections, REALISM.md):
// the same section string comes back again and again, so its entries are kept per section.
// A patient's notes are written together, so a small cache gets the hits; a large one filled the
// loader's capped worker heap at 10x (sections are kilobytes each).
const SECTION_CACHE_LIMIT = 500;
const sectionCaches = new WeakMap<EnglishLexemes, Map<string, Entries>>();

/** A piece that follows whitespace: every word in it is parsed as after a blank. */
function followingEntries(piece: string, lexemes: EnglishLexemes): Entries {
  let cache = sectionCaches.get(lexemes);
  if (!cache) sectionCaches.set(lexemes, (cache = new Map()));
  let found = cache.get(piece);
  if (found === undefined) {
    if (cache.size > SECTION_CACHE_LIMIT) cache.clear();
    found = textEntries(piece, lexemes, true);
    cache.set(piece, found);
  }
  return found;
}

/**
 * toTsvector(text) for a text made of `pieces` separated by whitespace (a note: its title, then
 * each heading and section), reusing the parse of pieces seen before. Exact because no token spans
 * whitespace in text without '<'; text with '<' is parsed whole. Only the pieces are searched for
 * '<' (whitespace between them holds none), so the joined text is never flattened.
 */
export function toTsvectorOfPieces(text: string, pieces: readonly string[], lexemes: EnglishLexemes): string {
  for (let i = 0; i < pieces.length; i++) if (pieces[i]!.includes('<')) return toTsvector(text, lexemes);
  const runs: Entries[] = [];
  for (let i = 0; i < pieces.length; i++) runs.push(i === 0 ? textEntries(pieces[i]!, lexemes) : followingEntries(pieces[i]!, lexemes));
  return vectorOf(runs);
}
