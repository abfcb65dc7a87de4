/**
 * Token types of PostgreSQL's default text search parser, indexed by their token id
 * (`SELECT * FROM ts_token_type('default')`): index 0 is unused.
 */
export const TOKEN_TYPES = [
  '',
  'asciiword',
  'word',
  'numword',
  'email',
  'url',
  'host',
  'sfloat',
  'version',
  'hword_numpart',
  'hword_part',
  'hword_asciipart',
  'blank',
  'tag',
  'protocol',
  'numhword',
  'asciihword',
  'hword',
  'url_path',
  'file',
  'float',
  'int',
  'uint',
  'entity',
] as const;

export type TokenType = Exclude<(typeof TOKEN_TYPES)[number], ''>;

export const TOKEN_ID = Object.fromEntries(TOKEN_TYPES.map((name, id) => [name, id])) as Record<TokenType, number>;

/** The dictionaries of the built-in `english` configuration (pg_ts_config_map). */
export type EnglishDictionary = 'english_stem' | 'simple';

/**
 * Which dictionary the `english` configuration sends each token type to. Types it does not map
 * (blank, tag, protocol, entity) are dropped without taking a position.
 */
export const ENGLISH_DICTIONARY: Readonly<Partial<Record<TokenType, EnglishDictionary>>> = {
  asciiword: 'english_stem',
  word: 'english_stem',
  asciihword: 'english_stem',
  hword: 'english_stem',
  hword_asciipart: 'english_stem',
  hword_part: 'english_stem',
  numword: 'simple',
  numhword: 'simple',
  hword_numpart: 'simple',
  email: 'simple',
  url: 'simple',
  host: 'simple',
  url_path: 'simple',
  file: 'simple',
  sfloat: 'simple',
  float: 'simple',
  version: 'simple',
  int: 'simple',
  uint: 'simple',
};
