import { parseText } from './parse-text.js';
import { ENGLISH_DICTIONARY } from './token-types.js';

/**
 * The lower-case words of `texts` that the english configuration sends to english_stem, sorted:
 * what the lexeme fixture must list. Each text is parsed as written and after a space too, since
 * a chunk's first token may depend on what precedes it (".5" alone is a path, after a blank not).
 */
export function stemmedWords(texts: Iterable<string>): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const variant of [text, ` ${text}`]) {
      for (const token of parseText(variant)) {
        if (ENGLISH_DICTIONARY[token.type] === 'english_stem') words.add(token.text.toLowerCase());
      }
    }
  }
  return [...words].sort();
}
