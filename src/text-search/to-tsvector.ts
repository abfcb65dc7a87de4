import { MissingLexemeError, type EnglishLexemes } from './english-lexemes.js';
import { parseText } from './parse-text.js';
import { ENGLISH_DICTIONARY } from './token-types.js';

// Limits of tsvector (src/include/tsearch/ts_type.h): positions above 16383 are stored as 16383,
// a lexeme keeps at most 255 positions, and a token of 2047 bytes or more is not indexed at all.
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;
const MAX_TOKEN_LENGTH = 2047;

/**
 * `to_tsvector('english', text)` computed in TypeScript, as PostgreSQL's tsvector text output
 * (`'lexeme':1,4 'other':2`), so COPY can load the vector the server would have computed. Every
 * indexed token takes a position, stop words included; blanks and tags take none.
 *
 * @example toTsvector('Shortness of breath', lexemes) // "'breath':3 'short':1"
 */
export function toTsvector(text: string, lexemes: EnglishLexemes): string {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const token of parseText(text)) {
    const dictionary = ENGLISH_DICTIONARY[token.type];
    if (dictionary === undefined || token.text.length >= MAX_TOKEN_LENGTH) continue;
    position++;
    const word = token.text.toLowerCase();
    let lexeme: string | null;
    if (dictionary === 'simple') {
      lexeme = word;
    } else {
      const found = lexemes.get(word);
      if (found === undefined) throw new MissingLexemeError(word, text);
      lexeme = found;
    }
    if (lexeme === null) continue;
    const list = positions.get(lexeme);
    const at = Math.min(position, MAX_POSITION);
    if (list === undefined) positions.set(lexeme, [at]);
    else if (list.length < MAX_POSITIONS_PER_LEXEME && list[list.length - 1] !== at) list.push(at);
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
    out += `'${lexeme.replace(/['\\]/g, (c) => c + c)}':${positions.get(lexeme)!.join(',')}`;
  }
  return out;
}
