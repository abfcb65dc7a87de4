/**
 * What the `english_stem` dictionary (Snowball english stemmer with the english stop word list)
 * makes of each lower-case word medseed can write: its lexeme, or null for a stop word. Read from
 * fixtures/text_search_english.csv, which a script fills from the server's own ts_lexize.
 */
export type EnglishLexemes = ReadonlyMap<string, string | null>;

/** A word reached the stemmer that the lexeme fixture does not list: a vector would be a guess. */
export class MissingLexemeError extends Error {
  constructor(readonly word: string, readonly text: string) {
    super(
      `text search: no english_stem lexeme for "${word}" in fixtures/text_search_english.csv ` +
        `(in ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}...` : text)}). ` +
        'The generator wrote a word outside its known vocabulary: regenerate the fixture with ' +
        '"npm run fixtures:text-search" after adding the word\'s source to it.',
    );
    this.name = 'MissingLexemeError';
  }
}
