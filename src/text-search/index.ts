export { MissingLexemeError, type EnglishLexemes } from './english-lexemes.js';
export { parseText, UnsupportedTextError, type ParsedToken } from './parse-text.js';
export { ENGLISH_DICTIONARY, TOKEN_TYPES, type TokenType } from './token-types.js';
export { toTsvector, toTsvectorOfPieces } from './to-tsvector.js';
export { stemmedWords } from './stemmed-words.js';
